// `node --import` this into a process to bound and retry its fetches (see bounded-fetch.mjs).
import { boundedFetch } from './bounded-fetch.mjs';

globalThis.fetch = boundedFetch(globalThis.fetch.bind(globalThis));
