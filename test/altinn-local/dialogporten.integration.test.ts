// Dialogporten behaviour beyond the document's shapes: authentication and scopes, party
// authorization, search filters, ordering and paging, localization, visibility and events.
import {
	fixtures,
	serviceOwnerToken,
	signAs,
	SO_SCOPES,
	start,
	systemUserToken,
	type AltinnLocal,
} from './support';

const { organizations, persons, resources } = fixtures;
const bakery = `urn:altinn:organization:identifier-no:${organizations.bakery.orgNumber}`;
const fishery = `urn:altinn:organization:identifier-no:${organizations.fishery.orgNumber}`;

type Item = {
	id: string;
	party: string;
	serviceResource: string;
	status: string;
	createdAt: string;
	updatedAt: string;
	contentUpdatedAt: string;
	dueAt?: string;
	systemLabel: string;
	org: string;
};
type Page = { items: Item[]; hasNextPage: boolean; continuationToken?: string; orderBy: string };

let local: AltinnLocal;
let so: string;
beforeAll(async () => {
	local = await start({ seedDialogs: 300 });
	so = await serviceOwnerToken(local);
});
afterAll(() => local.stop());

async function get<T>(
	path: string,
	token?: string,
	headers: Record<string, string> = {},
): Promise<{ status: number; body: T; headers: Headers }> {
	const res = await fetch(`${local.urls.dialogporten}${path}`, {
		headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
	});
	const text = await res.text();
	return {
		status: res.status,
		body: (text ? JSON.parse(text) : undefined) as T,
		headers: res.headers,
	};
}

async function all(path: string, token: string): Promise<Item[]> {
	const items: Item[] = [];
	let url = path;
	for (;;) {
		const page = await get<Page>(url, token);
		expect(page.status).toBe(200);
		items.push(...page.body.items);
		if (!page.body.hasNextPage) return items;
		url = `${path}${path.includes('?') ? '&' : '?'}continuationToken=${encodeURIComponent(page.body.continuationToken!)}`;
	}
}

describe('authentication and scopes', () => {
	it('answers 401 with a Bearer challenge without a valid token', async () => {
		const none = await get('/api/v1/serviceowner/dialogs');
		expect(none.status).toBe(401);
		expect(none.headers.get('www-authenticate')).toBe('Bearer');
		const bad = await get('/api/v1/serviceowner/dialogs', 'eyJhbGciOiJSUzI1NiJ9.e30.AAAA');
		expect(bad.status).toBe(401);
		expect(bad.headers.get('www-authenticate')).toContain('invalid_token');
	});

	it('answers 401 for a revoked or expired token', async () => {
		const token = await serviceOwnerToken(local);
		local.tokens.revoke(token);
		expect((await get('/api/v1/serviceowner/dialogs', token)).status).toBe(401);
		// Expired 5 s ago: beyond Dialogporten's 2 s of clock skew.
		const expired = await signAs(local, 'maskinporten', {
			scope: SO_SCOPES,
			consumer: {
				authority: 'iso6523-actorid-upis',
				ID: `0192:${organizations.serviceOwner.orgNumber}`,
			},
			iat: Math.floor(Date.now() / 1000) - 125,
			exp: Math.floor(Date.now() / 1000) - 5,
		});
		const answer = await get('/api/v1/serviceowner/dialogs', expired);
		expect(answer.status).toBe(401);
		expect(answer.headers.get('www-authenticate')).toContain('The token is expired');
	});

	it('requires the service-owner scopes, search needing .search too', async () => {
		const noSearch = await serviceOwnerToken(local, 'digdir:dialogporten.serviceprovider');
		expect((await get('/api/v1/serviceowner/dialogs', noSearch)).status).toBe(403);
		const some = (await get<Page>('/api/v1/serviceowner/dialogs?limit=1', so)).body.items[0];
		expect((await get(`/api/v1/serviceowner/dialogs/${some.id}`, noSearch)).status).toBe(200);
		const eventsOnly = await serviceOwnerToken(local, 'altinn:events.subscribe');
		expect((await get(`/api/v1/serviceowner/dialogs/${some.id}`, eventsOnly)).status).toBe(403);
	});

	it('requires a registered service owner in the consumer claim for the service-owner API', async () => {
		// A system-user token (consumer: the vendor) is not a service owner.
		const systemUser = await systemUserToken(local);
		expect((await get('/api/v1/serviceowner/dialogs', systemUser)).status).toBe(403);
	});

	it('accepts a supplier token acting for the service owner', async () => {
		const supplier = await local.tokens.maskinporten(fixtures.supplierClient, {
			scope: 'digdir:dialogporten.serviceprovider digdir:dialogporten.serviceprovider.search',
			consumerOrg: organizations.serviceOwner.orgNumber,
		});
		const page = await get<Page>('/api/v1/serviceowner/dialogs?limit=5', supplier.access_token);
		expect(page.status).toBe(200);
		expect(page.body.items.every((i) => i.org === 'ttd')).toBe(true);
	});

	it('refuses the end-user API to tokens that identify neither a person nor a system user', async () => {
		const plain = await local.tokens.maskinporten(fixtures.systemUserClient, {
			scope: 'digdir:dialogporten',
		});
		expect((await get('/api/v1/enduser/parties', plain.access_token)).status).toBe(403);
		expect((await get('/api/v1/enduser/parties', so)).status).toBe(403);
	});
});

describe('party authorization', () => {
	it('shows a person the dialogs of the parties and resources they may access', async () => {
		const kari = (await local.idporten.login({ pid: persons.kari.pid })).access_token;
		const items = await all('/api/v1/enduser/dialogs?limit=50', kari);
		expect(items.length).toBeGreaterThan(0);
		const kariParty = `urn:altinn:person:identifier-no:${persons.kari.pid}`;
		for (const i of items) {
			expect([kariParty, fishery]).toContain(i.party);
			// Kari may see only the demo resource on behalf of FISKERIET VEST AS.
			if (i.party === fishery) expect(i.serviceResource).toBe(resources.demo.urn);
		}
		expect(items.some((i) => i.party === fishery)).toBe(true);
		const foreign = (await all('/api/v1/serviceowner/dialogs?limit=1000', so)).find(
			(i) => i.party === bakery,
		)!;
		expect((await get(`/api/v1/enduser/dialogs/${foreign.id}`, kari)).status).toBe(403);
		const messagesAtFishery = (
			await all(
				`/api/v1/serviceowner/dialogs?party=${encodeURIComponent(fishery)}&serviceResource=${encodeURIComponent(resources.messages.urn)}`,
				so,
			)
		)[0];
		expect((await get(`/api/v1/enduser/dialogs/${messagesAtFishery.id}`, kari)).status).toBe(403);
	});

	it('keeps service owners to their own dialogs', async () => {
		const other = await serviceOwnerToken(local, SO_SCOPES, fixtures.otherServiceOwnerClient);
		const items = await all('/api/v1/serviceowner/dialogs?limit=1000', other);
		expect(items.length).toBeGreaterThan(0);
		expect(
			items.every((i) => i.org === 'ane' && i.serviceResource === resources.otherOwner.urn),
		).toBe(true);
	});
});

describe('search', () => {
	it('orders by contentUpdatedAt descending by default and pages through everything exactly once', async () => {
		const first = await get<Page>('/api/v1/serviceowner/dialogs?limit=7', so);
		expect(first.body.orderBy).toBe('contentupdatedat_desc,id_desc');
		const items = await all('/api/v1/serviceowner/dialogs?limit=7', so);
		const total = (await all('/api/v1/serviceowner/dialogs?limit=1000', so)).length;
		expect(items).toHaveLength(total);
		expect(new Set(items.map((i) => i.id)).size).toBe(total);
		for (let i = 1; i < items.length; i++)
			expect(items[i - 1].contentUpdatedAt >= items[i].contentUpdatedAt).toBe(true);
	});

	it.each([
		['createdAt_asc', (a: Item, b: Item) => a.createdAt <= b.createdAt],
		['createdat', (a: Item, b: Item) => a.createdAt >= b.createdAt],
		['updatedAt_desc', (a: Item, b: Item) => a.updatedAt >= b.updatedAt],
	])('orders by %s', async (orderBy, inOrder) => {
		const items = await all(`/api/v1/serviceowner/dialogs?limit=50&orderBy=${orderBy}`, so);
		for (let i = 1; i < items.length; i++) expect(inOrder(items[i - 1], items[i])).toBe(true);
	});

	it('orders by dueAt ascending with missing due dates last, then by the next field', async () => {
		const items = await all(
			'/api/v1/serviceowner/dialogs?limit=40&orderBy=dueAt_asc,createdAt_desc',
			so,
		);
		const firstMissing = items.findIndex((i) => !i.dueAt);
		expect(firstMissing).toBeGreaterThan(0);
		expect(items.slice(firstMissing).every((i) => !i.dueAt)).toBe(true);
		const due = items.slice(0, firstMissing);
		for (let i = 1; i < due.length; i++) expect(due[i - 1].dueAt! <= due[i].dueAt!).toBe(true);
		const missing = items.slice(firstMissing);
		for (let i = 1; i < missing.length; i++)
			expect(missing[i - 1].createdAt >= missing[i].createdAt).toBe(true);
	});

	it('rejects bad orderBy, limit and continuation tokens with 400', async () => {
		expect((await get('/api/v1/serviceowner/dialogs?orderBy=title_asc', so)).status).toBe(400);
		expect((await get('/api/v1/serviceowner/dialogs?limit=0', so)).status).toBe(400);
		expect((await get('/api/v1/serviceowner/dialogs?limit=1001', so)).status).toBe(400);
		expect((await get('/api/v1/serviceowner/dialogs?limit=1000', so)).status).toBe(200);
		const page = await get<Page>('/api/v1/serviceowner/dialogs?limit=1&orderBy=createdAt_asc', so);
		expect(
			(
				await get(
					`/api/v1/serviceowner/dialogs?continuationToken=${encodeURIComponent(page.body.continuationToken!)}`,
					so,
				)
			).status,
		).toBe(400);
		expect((await get('/api/v1/serviceowner/dialogs?status=Bogus', so)).status).toBe(400);
		expect((await get('/api/v1/serviceowner/dialogs?search=ab', so)).status).toBe(400);
	});

	it('filters by party, resource, status, dates, labels, text and deleted state', async () => {
		const everything = await all('/api/v1/serviceowner/dialogs?limit=1000', so);
		const check = async (query: string, predicate: (i: Item) => boolean) => {
			const got = await all(`/api/v1/serviceowner/dialogs?limit=1000&${query}`, so);
			const expected = everything.filter(predicate);
			expect(expected.length).toBeGreaterThan(0);
			expect(got.map((i) => i.id).sort()).toEqual(expected.map((i) => i.id).sort());
		};
		await check(
			`party=${encodeURIComponent(bakery)}&party=${encodeURIComponent(fishery)}`,
			(i) => i.party === bakery || i.party === fishery,
		);
		await check(
			`serviceResource=${encodeURIComponent(resources.messages.urn)}`,
			(i) => i.serviceResource === resources.messages.urn,
		);
		await check(
			'status=Completed&status=Draft',
			(i) => i.status === 'Completed' || i.status === 'Draft',
		);
		const middle = everything.map((i) => i.createdAt).sort()[Math.floor(everything.length / 2)];
		await check(`createdAfter=${middle}`, (i) => i.createdAt >= middle);
		await check(`createdBefore=${middle}`, (i) => i.createdAt <= middle);
		await check(`contentUpdatedAfter=${middle}`, (i) => i.contentUpdatedAt >= middle);
		await check('systemLabel=Archive', (i) => i.systemLabel === 'Archive');
		const text = await all(
			'/api/v1/serviceowner/dialogs?limit=1000&search=Varsel%20om%20frist',
			so,
		);
		expect(text.length).toBeGreaterThan(0);
		const english = await all(
			'/api/v1/serviceowner/dialogs?limit=1000&search=Varsel%20om%20frist&searchLanguageCode=en',
			so,
		);
		expect(english).toEqual([]);

		const victim = everything[3];
		const d = (await get<{ revision: string }>(`/api/v1/serviceowner/dialogs/${victim.id}`, so))
			.body;
		expect(
			(
				await fetch(`${local.urls.dialogporten}/api/v1/serviceowner/dialogs/${victim.id}`, {
					method: 'DELETE',
					headers: { authorization: `Bearer ${so}`, 'If-Match': d.revision },
				})
			).status,
		).toBe(204);
		expect(
			(await all('/api/v1/serviceowner/dialogs?limit=1000', so)).map((i) => i.id),
		).not.toContain(victim.id);
		expect(
			(await all('/api/v1/serviceowner/dialogs?limit=1000&deleted=Only', so)).map((i) => i.id),
		).toEqual([victim.id]);
		expect(await all('/api/v1/serviceowner/dialogs?limit=1000&deleted=Include', so)).toHaveLength(
			everything.length,
		);
	});

	it('finds a dialog by its service-owner labels with AND and prefix matching', async () => {
		const id = await local.dialogs.create({
			serviceResource: resources.demo.urn,
			party: bakery,
			isApiOnly: false,
			content: {
				title: { mediaType: 'text/plain', value: [{ languageCode: 'nb', value: 'Merket' }] },
			},
			serviceOwnerContext: {
				serviceOwnerLabels: [{ value: 'kategori-a' }, { value: 'prioritet-høy' }],
			},
		});
		expect(
			(
				await all(
					'/api/v1/serviceowner/dialogs?serviceOwnerLabels=kategori-a&serviceOwnerLabels=prioritet*',
					so,
				)
			).map((i) => i.id),
		).toEqual([id]);
		expect(
			await all(
				'/api/v1/serviceowner/dialogs?serviceOwnerLabels=kategori-a&serviceOwnerLabels=annet',
				so,
			),
		).toEqual([]);
	});
});

describe('visibility, localization and revisions', () => {
	it('hides dialogs from end users until visibleFrom, but not from the service owner', async () => {
		const ola = (await local.idporten.login({ pid: persons.ola.pid })).access_token;
		const id = await local.dialogs.create({
			serviceResource: resources.demo.urn,
			party: bakery,
			isApiOnly: false,
			visibleFrom: new Date(Date.now() + 3600_000).toISOString(),
			content: {
				title: { mediaType: 'text/plain', value: [{ languageCode: 'nb', value: 'Senere' }] },
			},
		});
		expect((await get(`/api/v1/enduser/dialogs/${id}`, ola)).status).toBe(404);
		expect((await all('/api/v1/enduser/dialogs?limit=1000', ola)).map((i) => i.id)).not.toContain(
			id,
		);
		expect((await get(`/api/v1/serviceowner/dialogs/${id}`, so)).status).toBe(200);
	});

	it('prunes localized texts to the preferred language and keeps all when none matches', async () => {
		const systemUser = await systemUserToken(local);
		// The oldest dialog is a seeded one, with GUI actions.
		const id = (
			await get<Page>('/api/v1/enduser/dialogs?limit=1&orderBy=createdAt_asc', systemUser)
		).body.items[0].id;
		type Details = {
			content: { title: { value: Array<{ languageCode: string }> } };
			guiActions: Array<{ title: Array<{ languageCode: string }> }>;
		};
		const nb = (
			await get<Details>(`/api/v1/enduser/dialogs/${id}`, systemUser, {
				'Accept-Language': 'nb-NO,nb;q=0.9,en;q=0.5',
			})
		).body;
		expect(nb.content.title.value.map((l) => l.languageCode)).toEqual(['nb']);
		expect(nb.guiActions[0].title.map((l) => l.languageCode)).toEqual(['nb']);
		const fr = (
			await get<Details>(`/api/v1/enduser/dialogs/${id}`, systemUser, { 'Accept-Language': 'fr' })
		).body;
		expect(fr.content.title.value.map((l) => l.languageCode)).toEqual(['nb', 'en']);
	});

	it('changes the revision on every write and publishes an event per change', async () => {
		const before = local.events.published().length;
		const id = await local.dialogs.create({
			serviceResource: resources.demo.urn,
			party: bakery,
			isApiOnly: false,
			content: {
				title: { mediaType: 'text/plain', value: [{ languageCode: 'nb', value: 'Revisjon' }] },
			},
		});
		const r1 = local.dialogs.get(id)!.revision;
		await local.dialogs.patch(id, [{ op: 'replace', path: '/status', value: 'Completed' }]);
		const r2 = local.dialogs.get(id)!.revision;
		expect(r2).not.toBe(r1);
		const types = local.events
			.published()
			.slice(before)
			.filter((e) => e.resourceinstance === id)
			.map((e) => e.type);
		expect(types).toEqual(['dialogporten.dialog.created.v1', 'dialogporten.dialog.updated.v1']);
	});

	it('records a seen log entry and a seen event on an end-user details read', async () => {
		const systemUser = await systemUserToken(local);
		// The second oldest: not read by any earlier test.
		const id = (
			await get<Page>('/api/v1/enduser/dialogs?limit=2&orderBy=createdAt_asc', systemUser)
		).body.items[1].id;
		const before = local.events
			.published()
			.filter((e) => e.type === 'dialogporten.dialog.seen.v1' && e.resourceinstance === id).length;
		await get(`/api/v1/enduser/dialogs/${id}`, systemUser);
		await get(`/api/v1/enduser/dialogs/${id}`, systemUser);
		const seen = local.events
			.published()
			.filter((e) => e.type === 'dialogporten.dialog.seen.v1' && e.resourceinstance === id);
		expect(seen.length).toBe(before + 1);
		const item = (
			await get<Page & { items: Array<{ id: string; isContentSeen: boolean }> }>(
				`/api/v1/enduser/dialogs?limit=1000&isContentSeen=true`,
				systemUser,
			)
		).body.items;
		expect(item.map((i) => i.id)).toContain(id);
	});
});

describe('a failed lookup answers with problem details', () => {
	const traceId = /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/;
	let id: string;
	beforeAll(async () => {
		id = await local.dialogs.create({
			serviceResource: resources.demo.urn,
			party: bakery,
			isApiOnly: false,
			content: {
				title: { mediaType: 'text/plain', value: [{ languageCode: 'nb', value: 'Oppslag' }] },
			},
		});
	});

	async function send(
		method: string,
		path: string,
		token: string,
		body?: unknown,
		ifMatch?: string,
	) {
		const res = await fetch(`${local.urls.dialogporten}${path}`, {
			method,
			headers: {
				authorization: `Bearer ${token}`,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...(ifMatch ? { 'if-match': ifMatch } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		return {
			status: res.status,
			contentType: res.headers.get('content-type'),
			body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
		};
	}

	it('404 for a dialog that does not exist, on every resource below it', async () => {
		const missing = '0196a0b0-0000-7000-8000-000000000000';
		for (const path of [
			`/api/v1/serviceowner/dialogs/${missing}`,
			`/api/v1/serviceowner/dialogs/${missing}/transmissions`,
			`/api/v1/serviceowner/dialogs/${missing}/activities`,
			`/api/v1/serviceowner/dialogs/${missing}/seenlog`,
		]) {
			const res = await send('GET', path, so);
			expect([path, res.status, res.contentType]).toEqual([
				path,
				404,
				'application/problem+json; charset=utf-8',
			]);
			expect(res.body).toMatchObject({
				type: 'https://tools.ietf.org/html/rfc9110#section-15.5.5',
				title: 'Not Found',
				status: 404,
				detail: `Dialog with key '${missing}' was not found.`,
			});
			expect(res.body?.traceId).toMatch(traceId);
		}
	});

	it('404 for a child that does not exist in an existing dialog', async () => {
		const missing = '0196a0b0-0000-7000-8000-000000000001';
		const res = await send(
			'GET',
			`/api/v1/serviceowner/dialogs/${id}/transmissions/${missing}`,
			so,
		);
		expect(res.status).toBe(404);
		expect(res.body).toMatchObject({
			status: 404,
			detail: `Transmission with key '${missing}' was not found.`,
		});
	});

	it("403 without a body for another service owner's dialog", async () => {
		const other = await serviceOwnerToken(local, SO_SCOPES, fixtures.otherServiceOwnerClient);
		const res = await send('GET', `/api/v1/serviceowner/dialogs/${id}/activities`, other);
		expect([res.status, res.body]).toEqual([403, undefined]);
	});

	it('412 for a stale If-Match, and nothing changes', async () => {
		const before = local.dialogs.get(id)!.revision;
		const res = await send(
			'POST',
			`/api/v1/serviceowner/dialogs/${id}/activities`,
			so,
			{ type: 'Information', performedBy: { actorType: 'ServiceOwner' } },
			'00000000-0000-4000-8000-000000000000',
		);
		expect(res.status).toBe(412);
		expect(res.body).toMatchObject({
			title: 'Precondition Failed',
			status: 412,
			detail: expect.stringContaining('If-Match'),
		});
		expect(res.body?.traceId).toMatch(traceId);
		expect(local.dialogs.get(id)!.revision).toBe(before);
	});
});
