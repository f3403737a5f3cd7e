// Fault injection: 429 with Retry-After, 503 with an RFC 1123 Retry-After, 500, hang, reset,
// latency, a response cut off mid-body and a lost response, by path prefix, fraction and count; set
// from code, the admin endpoint and the environment.
import { serviceOwnerToken, start, type AltinnLocal } from './support';

let local: AltinnLocal;
let token: string;
beforeAll(async () => {
	local = await start({ seedDialogs: 3 });
	token = await serviceOwnerToken(local);
});
afterAll(() => local.stop());
afterEach(() => local.faults.clear());

const limits = () => fetch(`${local.urls.dialogporten}/api/v1/metadata/limits`);

it('answers 429 with Retry-After in seconds', async () => {
	local.faults.set({ kind: '429', pathPrefix: '/dialogporten', retryAfterSeconds: 7 });
	const res = await limits();
	expect(res.status).toBe(429);
	expect(res.headers.get('retry-after')).toBe('7');
});

it('answers 503 text/plain with Retry-After as an RFC 1123 date, as Dialogporten declares it', async () => {
	local.faults.set({
		kind: '503',
		pathPrefix: '/dialogporten/api/v1/serviceowner',
		retryAfterSeconds: 30,
	});
	const res = await fetch(`${local.urls.dialogporten}/api/v1/serviceowner/dialogs`, {
		headers: { authorization: `Bearer ${token}` },
	});
	expect(res.status).toBe(503);
	expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
	const retryAfter = res.headers.get('retry-after')!;
	expect(retryAfter).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
	expect(Date.parse(retryAfter) - Date.now()).toBeGreaterThan(20_000);
	// Other prefixes are not affected.
	expect((await limits()).status).toBe(200);
});

it('answers 500', async () => {
	local.faults.set({ kind: '500' });
	expect((await limits()).status).toBe(500);
});

it('drops the connection (reset)', async () => {
	local.faults.set({ kind: 'reset', pathPrefix: '/maskinporten' });
	await expect(fetch(local.urls.maskinporten.wellKnown)).rejects.toThrow();
});

it('cuts a response off after the headers and part of the body (truncate)', async () => {
	local.faults.set({ kind: 'truncate', pathPrefix: '/maskinporten', times: 1 });
	const res = await fetch(local.urls.maskinporten.wellKnown);
	expect(res.status).toBe(200);
	await expect(res.text()).rejects.toThrow();
	expect((await fetch(local.urls.maskinporten.wellKnown)).status).toBe(200);
});

it('handles the request and then loses the answer (lost-response)', async () => {
	local.faults.set({ kind: 'lost-response', pathPrefix: '/dialogporten', methods: ['POST'] });
	const before = local.dialogs.count();
	await expect(
		fetch(`${local.urls.dialogporten}/api/v1/serviceowner/dialogs`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify({
				serviceResource: 'urn:altinn:resource:ttd-dialogporten-demo',
				party: 'urn:altinn:organization:identifier-no:310000051',
				status: 'InProgress',
				isApiOnly: false,
				content: {
					title: { mediaType: 'text/plain', value: [{ languageCode: 'nb', value: 'Tapt svar' }] },
				},
			}),
		}),
	).rejects.toThrow();
	expect(local.dialogs.count()).toBe(before + 1);
});

it('refuses the bearer token as expired (expired-token), as JwtBearer does', async () => {
	local.faults.set({ kind: 'expired-token', pathPrefix: '/dialogporten/api/v1/serviceowner' });
	const res = await fetch(`${local.urls.dialogporten}/api/v1/serviceowner/dialogs`, {
		headers: { authorization: `Bearer ${token}` },
	});
	expect(res.status).toBe(401);
	expect(res.headers.get('www-authenticate')).toBe(
		'Bearer error="invalid_token", error_description="The token is expired"',
	);
});

it('never answers (hang) until the client gives up', async () => {
	local.faults.set({ kind: 'hang', pathPrefix: '/dialogporten' });
	await expect(
		fetch(`${local.urls.dialogporten}/api/v1/metadata/limits`, {
			signal: AbortSignal.timeout(200),
		}),
	).rejects.toThrow();
});

it('adds latency and then answers normally', async () => {
	local.faults.set({ kind: 'latency', latencyMs: 150 });
	const started = Date.now();
	const res = await limits();
	expect(res.status).toBe(200);
	expect(Date.now() - started).toBeGreaterThanOrEqual(140);
});

it('honours `times`, `fraction` and `methods`', async () => {
	local.faults.set({ kind: '503', times: 2 });
	expect([(await limits()).status, (await limits()).status, (await limits()).status]).toEqual([
		503, 503, 200,
	]);
	local.faults.set({ kind: '500', fraction: 0 });
	expect((await limits()).status).toBe(200);
	local.faults.set({ kind: '500', methods: ['POST'] });
	expect((await limits()).status).toBe(200);
	const statuses = new Set<number>();
	local.faults.set({ kind: '500', fraction: 0.5 });
	for (let i = 0; i < 60; i++) statuses.add((await limits()).status);
	expect(statuses).toEqual(new Set([200, 500]));
});

it('is settable through the admin endpoint, which faults never affect', async () => {
	local.faults.set({ kind: '500' });
	const set = await fetch(`${local.urls.admin}/faults`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify([{ kind: '429', pathPrefix: '/maskinporten/token' }]),
	});
	expect(set.status).toBe(200);
	expect(local.faults.list()).toEqual([
		expect.objectContaining({ kind: '429', pathPrefix: '/maskinporten/token' }),
	]);
	expect((await limits()).status).toBe(200);
	expect((await fetch(local.urls.maskinporten.token, { method: 'POST' })).status).toBe(429);
	expect(
		(
			await fetch(`${local.urls.admin}/faults`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ kind: 'explode' }),
			})
		).status,
	).toBe(400);
	expect((await fetch(`${local.urls.admin}/faults`, { method: 'DELETE' })).status).toBe(204);
	expect(local.faults.list()).toEqual([]);
});

it('reads rules from ALTINN_LOCAL_FAULTS', async () => {
	process.env.ALTINN_LOCAL_FAULTS = JSON.stringify({ kind: '503', pathPrefix: '/events' });
	let other: AltinnLocal | undefined;
	try {
		other = await start({ seedDialogs: 0 });
		expect((await fetch(`${other.urls.events}/subscriptions`)).status).toBe(503);
		expect((await fetch(other.urls.maskinporten.wellKnown)).status).toBe(200);
	} finally {
		delete process.env.ALTINN_LOCAL_FAULTS;
		await other?.stop();
	}
});
