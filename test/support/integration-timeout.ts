// Servers on loopback and n8n-core contexts: on a busy 2-core machine one test can take longer
// than Jest's 5 s default without anything being wrong. (`testTimeout` is a global option only,
// so the integration project sets it here.)
jest.setTimeout(30_000);
