import { STATUS_CODES } from 'node:http';
import { Agent, request } from 'undici';

export interface HttpCall {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Sent as is; callers serialise their JSON. */
  body?: string;
  /** Bounds the wait for the answer's headers and, separately, each gap in its body. */
  timeoutMs: number;
}

export interface HttpAnswer {
  status: number;
  statusText: string;
  text: string;
}

/**
 * Keep-alive connections per origin for the platforms' JSON APIs, shared by every sender in the process the way
 * global fetch shares its dispatcher — without fetch's web streams and without an AbortSignal timer per call: the
 * client's own header and body timeouts bound each request.
 */
const platformAgent = new Agent({ keepAliveTimeout: 10_000, connect: { timeout: 10_000 } });

/**
 * One request to a platform endpoint, the whole body read as text. Network trouble and timeouts reject (the caller
 * maps them to its own "unreachable" error); any HTTP status resolves, for the caller to judge.
 */
export async function callHttp(url: string, call: HttpCall): Promise<HttpAnswer> {
  const res = await request(url, {
    dispatcher: platformAgent,
    method: call.method ?? (call.body === undefined ? 'GET' : 'POST'),
    headers: call.headers,
    body: call.body,
    headersTimeout: call.timeoutMs,
    bodyTimeout: call.timeoutMs,
  });
  return { status: res.statusCode, statusText: STATUS_CODES[res.statusCode] ?? '', text: await res.body.text() };
}

/** The JSON object in a body, or {} when there is none or it is not an object (e.g. an HTML ban page). */
export function jsonObjectOf(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
