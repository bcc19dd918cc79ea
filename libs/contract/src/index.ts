// The shapes of Jiayi's public HTTP API (shared/spec/api.md), written once.
// Responses are TypeBox schemas: the API declares them in its OpenAPI document and its services
// return their `Static` types; the mini-program imports the types only (`import type`).
// Request bodies are interfaces that the API's DTO classes `implements`.
export * from './schema';
export * from './auth';
export * from './people';
export * from './reference';
export * from './packages';
export * from './contracts';
export * from './surveys';
export * from './notices';
export * from './referrals';
export * from './pushes';
export * from './feedback';
export * from './services';
export * from './indicators';
export * from './wechat';
export * from './privacy';
