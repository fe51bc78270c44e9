// `node --import` this (after tsx) into a process to bound and retry its fetches (see
// bounded-fetch.ts).
import { boundedFetch } from './bounded-fetch.js';

globalThis.fetch = boundedFetch(globalThis.fetch.bind(globalThis));
