// Altinn Events: subscriptions, the validation handshake, delivery of Dialogporten's CloudEvents
// (one per POST, retried on the scaled schedule, dead-lettered), the one-hour subscription cache
// (scaled), empty-string filters, and the polling API.
import {
	altinnServiceOwnerToken,
	altinnSystemUserToken,
	fixtures,
	serviceOwnerToken,
	start,
	webhookReceiver,
	type AltinnLocal,
} from './support';

const { organizations, resources, persons } = fixtures;
const bakery = `urn:altinn:organization:identifier-no:${organizations.bakery.orgNumber}`;
const fishery = `urn:altinn:organization:identifier-no:${organizations.fishery.orgNumber}`;

function dialogBody(party = bakery, extra: Record<string, unknown> = {}) {
	return {
		serviceResource: resources.demo.urn,
		party,
		isApiOnly: false,
		process: 'urn:altinn:local:process:events',
		content: {
			title: { mediaType: 'text/plain', value: [{ languageCode: 'nb', value: 'Hendelsestest' }] },
		},
		...extra,
	};
}

async function subscribe(local: AltinnLocal, token: string, body: Record<string, unknown>) {
	const res = await fetch(`${local.urls.events}/subscriptions`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await res.text();
	return {
		status: res.status,
		body: text ? JSON.parse(text) : undefined,
		location: res.headers.get('location'),
	};
}

describe('webhook subscriptions', () => {
	let local: AltinnLocal;
	let token: string;
	beforeAll(async () => {
		local = await start({
			seedDialogs: 0,
			timeScale: 0.0001,
			events: { subscriptionCacheSeconds: 0 },
		});
		token = await altinnServiceOwnerToken(local);
	});
	afterAll(() => local.stop());

	it('validates the endpoint with the handshake, then delivers one CloudEvent per POST', async () => {
		const hook = await webhookReceiver();
		try {
			const created = await subscribe(local, token, {
				endPoint: `${hook.url}?token=secret`,
				resourceFilter: resources.demo.urn,
			});
			expect(created.status).toBe(201);
			expect(created.body).toMatchObject({
				endPoint: `${hook.url}?token=secret`,
				resourceFilter: resources.demo.urn,
				consumer: '/org/ttd',
				createdBy: '/org/ttd',
				validated: false,
				includeSubunits: false,
			});
			expect(created.location).toBe(`/events/api/v1/subscription/${created.body.id}`);

			await local.events.waitFor(
				() => local.events.subscriptions().find((s) => s.id === created.body.id)?.validated,
			);
			expect(hook.received[0].body).toEqual({
				specversion: '1.0',
				id: expect.any(String),
				source: `${local.urls.events}/subscriptions/${created.body.id}`,
				type: 'platform.events.validatesubscription',
			});
			expect(hook.received[0].path).toBe('/hook?token=secret');
			const got = await fetch(`${local.urls.events}/subscriptions/${created.body.id}`, {
				headers: { authorization: `Bearer ${token}` },
			});
			expect(((await got.json()) as { validated: boolean }).validated).toBe(true);

			const id = await local.dialogs.create({
				...dialogBody(),
				activities: [
					{
						type: 'Information',
						performedBy: { actorType: 'ServiceOwner' },
						extendedType: 'urn:altinn:local:extended',
					},
				],
				transmissions: [
					{
						type: 'Information',
						createdAt: new Date().toISOString(),
						sender: { actorType: 'ServiceOwner' },
						content: {
							title: { mediaType: 'text/plain', value: [{ languageCode: 'nb', value: 'Melding' }] },
						},
					},
				],
			});
			await local.events.waitFor(() => hook.events().length >= 3);
			const events = hook.events().map((r) => r.body);
			expect(events.map((e) => e.type).sort()).toEqual([
				'dialogporten.dialog.activity.information.v1',
				'dialogporten.dialog.created.v1',
				'dialogporten.dialog.transmission.created.v1',
			]);
			const created1 = events.find((e) => e.type === 'dialogporten.dialog.created.v1')!;
			expect(created1).toEqual({
				specversion: '1.0',
				id: expect.any(String),
				type: 'dialogporten.dialog.created.v1',
				time: expect.any(String),
				resource: resources.demo.urn,
				resourceinstance: id,
				subject: bakery,
				source: `${local.urls.dialogporten}/api/v1/enduser/dialogs/${id}`,
				data: { process: 'urn:altinn:local:process:events' },
			});
			const activity = events.find(
				(e) => e.type === 'dialogporten.dialog.activity.information.v1',
			)!;
			const activityId = (activity.data as { activityId: string }).activityId;
			expect(activity.source).toBe(
				`${local.urls.dialogporten}/api/v1/enduser/dialogs/${id}/activities/${activityId}`,
			);
			expect(activity.data).toEqual({
				activityId,
				extendedActivityType: 'urn:altinn:local:extended',
				process: 'urn:altinn:local:process:events',
			});
			const transmission = events.find(
				(e) => e.type === 'dialogporten.dialog.transmission.created.v1',
			)!;
			expect(transmission.source).toMatch(
				new RegExp(`/dialogs/${id}/transmissions/[0-9a-f-]{36}$`),
			);
			expect(transmission.data).toEqual({
				senderType: 'ServiceOwner',
				process: 'urn:altinn:local:process:events',
			});
			for (const r of hook.received)
				expect(r.headers['content-type']).toBe('application/json; charset=utf-8');

			// A change to the dialog: updated + the activity event.
			await local.dialogs.addActivity(id, 'CorrespondenceConfirmed');
			await local.events.waitFor(() =>
				hook
					.events()
					.some((r) => r.body.type === 'dialogporten.dialog.activity.correspondence-confirmed.v1'),
			);
			expect(hook.events().some((r) => r.body.type === 'dialogporten.dialog.updated.v1')).toBe(
				true,
			);
		} finally {
			await hook.close();
		}
	});

	it('retries a failed delivery with the same event until it succeeds', async () => {
		const hook = await webhookReceiver();
		try {
			const sub = await subscribe(local, token, {
				endPoint: hook.url,
				resourceFilter: resources.demo.urn,
				subjectFilter: fishery,
				typeFilter: 'dialogporten.dialog.created.v1',
			});
			await local.events.waitFor(
				() => local.events.subscriptions().find((s) => s.id === sub.body.id)?.validated,
			);
			let failures = 0;
			hook.answer(() => (failures++ < 2 ? 500 : 204));
			const id = await local.dialogs.create(dialogBody(fishery));
			const delivery = await local.events.waitFor(() =>
				local.events
					.deliveries()
					.find(
						(d) =>
							d.subscriptionId === sub.body.id && d.kind === 'event' && d.state === 'delivered',
					),
			);
			expect(delivery.attempts.map((a) => a.status)).toEqual([500, 500, 204]);
			const posts = hook.events();
			expect(posts).toHaveLength(3);
			expect(new Set(posts.map((p) => p.body.id)).size).toBe(1);
			expect(posts[0].body.resourceinstance).toBe(id);
		} finally {
			await hook.close();
		}
	});

	it('never delivers to a subscription with an empty-string filter', async () => {
		const hook = await webhookReceiver();
		try {
			const sub = await subscribe(local, token, {
				endPoint: hook.url,
				resourceFilter: resources.messages.urn,
				typeFilter: '',
			});
			expect(sub.status).toBe(201);
			await local.events.waitFor(
				() => local.events.subscriptions().find((s) => s.id === sub.body.id)?.validated,
			);
			await local.dialogs.create({ ...dialogBody(), serviceResource: resources.messages.urn });
			const published = local.events
				.published()
				.filter((e) => e.resource === resources.messages.urn);
			expect(published.length).toBeGreaterThan(0);
			await new Promise((r) => setTimeout(r, 50));
			expect(hook.events()).toEqual([]);
		} finally {
			await hook.close();
		}
	});

	it('keeps a subscription unvalidated when the endpoint does not answer 2xx', async () => {
		const hook = await webhookReceiver(() => 500);
		try {
			const sub = await subscribe(local, token, {
				endPoint: hook.url,
				resourceFilter: resources.demo.urn,
				subjectFilter: `urn:altinn:person:identifier-no:${persons.per.pid}`,
			});
			const validation = await local.events.waitFor(() =>
				local.events
					.deliveries()
					.find((d) => d.subscriptionId === sub.body.id && d.state === 'failed'),
			);
			expect(validation.attempts.length).toBeGreaterThan(1);
			expect(local.events.subscriptions().find((s) => s.id === sub.body.id)?.validated).toBe(false);
			await local.dialogs.create(dialogBody(`urn:altinn:person:identifier-no:${persons.per.pid}`));
			await new Promise((r) => setTimeout(r, 30));
			expect(hook.events()).toEqual([]);
		} finally {
			await hook.close();
		}
	});

	it('authorizes subscriptions: Altinn tokens only, the events scope, and the subject', async () => {
		const body = { endPoint: 'https://example.org/hook', resourceFilter: resources.demo.urn };
		const raw = await serviceOwnerToken(local, 'altinn:events.subscribe altinn:serviceowner');
		expect((await subscribe(local, raw, body)).status).toBe(401);
		const noScopeMp = await serviceOwnerToken(local, 'altinn:serviceowner');
		const noScope = await (
			await fetch(local.urls.exchange.maskinporten, {
				headers: { authorization: `Bearer ${noScopeMp}` },
			})
		).text();
		expect((await subscribe(local, noScope, body)).status).toBe(403);
		expect(
			(await subscribe(local, token, { ...body, resourceFilter: resources.otherOwner.urn })).status,
		).toBe(403);
		expect(
			(await subscribe(local, token, { ...body, endPoint: 'http://example.org/hook' })).status,
		).toBe(400);
		expect((await subscribe(local, token, { endPoint: 'https://example.org/hook' })).status).toBe(
			400,
		);
		expect(
			(await subscribe(local, token, { ...body, sourceFilter: 'https://example.org' })).status,
		).toBe(400);
		expect((await subscribe(local, token, { ...body, includeSubunits: true })).status).toBe(400);

		const systemUser = await altinnSystemUserToken(local);
		expect((await subscribe(local, systemUser, body)).status).toBe(403);
		expect((await subscribe(local, systemUser, { ...body, subjectFilter: fishery })).status).toBe(
			403,
		);
		const own = await subscribe(local, systemUser, { ...body, subjectFilter: bakery });
		expect(own.status).toBe(201);
		expect(own.body.consumer).toBe(`/systemuser/${fixtures.systemUsers.bakery.id}`);
		// Identical subscriptions are not duplicated.
		expect((await subscribe(local, systemUser, { ...body, subjectFilter: bakery })).body.id).toBe(
			own.body.id,
		);
	});

	it('lists, gets and deletes only the caller’s own subscriptions', async () => {
		const systemUser = await altinnSystemUserToken(local);
		const mine = await subscribe(local, systemUser, {
			endPoint: 'https://example.org/mine',
			resourceFilter: resources.demo.urn,
			subjectFilter: bakery,
		});
		const list = (await (
			await fetch(`${local.urls.events}/subscriptions`, {
				headers: { authorization: `Bearer ${systemUser}` },
			})
		).json()) as { count: number; subscriptions: Array<{ id: number }> };
		expect(list.count).toBe(list.subscriptions.length);
		expect(list.subscriptions.map((s) => s.id)).toContain(mine.body.id);
		const asOther = await fetch(`${local.urls.events}/subscriptions/${mine.body.id}`, {
			headers: { authorization: `Bearer ${token}` },
		});
		expect(asOther.status).toBe(403);
		expect(
			(
				await fetch(`${local.urls.events}/subscriptions/${mine.body.id}`, {
					method: 'DELETE',
					headers: { authorization: `Bearer ${token}` },
				})
			).status,
		).toBe(403);
		const del = await fetch(
			`${local.baseUrl}/platform/events/api/v1/subscriptions/${mine.body.id}`,
			{ method: 'DELETE', headers: { authorization: `Bearer ${systemUser}` } },
		);
		expect(del.status).toBe(200);
		expect(
			(
				await fetch(`${local.urls.events}/subscriptions/${mine.body.id}`, {
					headers: { authorization: `Bearer ${systemUser}` },
				})
			).status,
		).toBe(404);
	});
});

describe('retry schedule', () => {
	it('makes 12 attempts on the documented schedule, then dead-letters the event', async () => {
		const local = await start({
			seedDialogs: 0,
			timeScale: 0.000001,
			events: { subscriptionCacheSeconds: 0 },
		});
		const hook = await webhookReceiver((r) =>
			r.body.type === 'platform.events.validatesubscription' ? 200 : 503,
		);
		try {
			const token = await altinnServiceOwnerToken(local);
			const sub = await subscribe(local, token, {
				endPoint: hook.url,
				resourceFilter: resources.demo.urn,
				typeFilter: 'dialogporten.dialog.created.v1',
			});
			await local.events.waitFor(
				() => local.events.subscriptions().find((s) => s.id === sub.body.id)?.validated,
			);
			await local.dialogs.create(dialogBody());
			const delivery = await local.events.waitFor(
				() =>
					local.events.deliveries().find((d) => d.kind === 'event' && d.state === 'dead-letter'),
				10_000,
			);
			expect(delivery.attempts).toHaveLength(12);
			expect(hook.events()).toHaveLength(12);
		} finally {
			await hook.close();
			await local.stop();
		}
	});
});

describe('subscription cache', () => {
	it('misses events for a new subscription and keeps delivering to a deleted one until the cached lookup expires', async () => {
		// 3600 s scaled by 0.0002 = 720 ms.
		const local = await start({ seedDialogs: 0, timeScale: 0.0002 });
		const hook = await webhookReceiver();
		try {
			const token = await altinnServiceOwnerToken(local);
			await local.dialogs.create(dialogBody()); // caches "no subscriptions" for (demo, bakery, created)
			const sub = await subscribe(local, token, {
				endPoint: hook.url,
				resourceFilter: resources.demo.urn,
				typeFilter: 'dialogporten.dialog.created.v1',
			});
			await local.events.waitFor(
				() => local.events.subscriptions().find((s) => s.id === sub.body.id)?.validated,
			);
			const missed = await local.dialogs.create(dialogBody());
			await new Promise((r) => setTimeout(r, 800));
			const seen = await local.dialogs.create(dialogBody());
			await local.events.waitFor(() => hook.events().length >= 1);
			expect(hook.events().map((r) => r.body.resourceinstance)).toEqual([seen]);
			expect(hook.events().map((r) => r.body.resourceinstance)).not.toContain(missed);

			await fetch(`${local.urls.events}/subscriptions/${sub.body.id}`, {
				method: 'DELETE',
				headers: { authorization: `Bearer ${token}` },
			});
			const afterDelete = await local.dialogs.create(dialogBody());
			await local.events.waitFor(() => hook.events().length >= 2);
			expect(hook.events()[1].body.resourceinstance).toBe(afterDelete);
			await new Promise((r) => setTimeout(r, 800));
			await local.dialogs.create(dialogBody());
			await new Promise((r) => setTimeout(r, 50));
			expect(hook.events()).toHaveLength(2);
		} finally {
			await hook.close();
			await local.stop();
		}
	});
});

describe('polling API', () => {
	let local: AltinnLocal;
	let token: string;
	beforeAll(async () => {
		// 30 s visibility scaled by 0.002 = 60 ms.
		local = await start({ seedDialogs: 0, timeScale: 0.002 });
		token = await altinnServiceOwnerToken(local);
	});
	afterAll(() => local.stop());

	const poll = (query: string, t = token) =>
		fetch(`${local.urls.events}/events?${query}`, { headers: { authorization: `Bearer ${t}` } });

	it('pages with after/size and a next header, after the visibility delay', async () => {
		const ids = [
			await local.dialogs.create(dialogBody()),
			await local.dialogs.create(dialogBody(fishery)),
		];
		const early = await poll(`resource=${resources.demo.urn}&after=0`);
		expect(await early.json()).toEqual([]);
		await new Promise((r) => setTimeout(r, 100));
		const first = await poll(`resource=${encodeURIComponent(resources.demo.urn)}&after=0&size=1`);
		expect(first.status).toBe(200);
		expect(first.headers.get('content-type')).toMatch(/^application\/cloudevents\+json/);
		const page1 = (await first.json()) as Array<{ id: string; resourceinstance: string }>;
		expect(page1.map((e) => e.resourceinstance)).toEqual([ids[0]]);
		const next = new URL(first.headers.get('next')!);
		expect(next.searchParams.get('after')).toBe(page1[0].id);
		const second = await fetch(next, { headers: { authorization: `Bearer ${token}` } });
		const page2 = (await second.json()) as Array<{ resourceinstance: string }>;
		expect(page2.map((e) => e.resourceinstance)).toEqual([ids[1]]);
		const subject = await poll(
			`resource=${resources.demo.urn}&after=0&subject=${encodeURIComponent(fishery)}`,
		);
		expect(
			((await subject.json()) as Array<{ subject: string }>).every((e) => e.subject === fishery),
		).toBe(true);
		const typed = await poll(`resource=${resources.demo.urn}&after=0&type=dialogporten.dialog.%25`);
		expect(((await typed.json()) as unknown[]).length).toBe(2);
		const none = await poll(
			`resource=${resources.demo.urn}&after=0&type=dialogporten.dialog.deleted.v1`,
		);
		expect(await none.json()).toEqual([]);
	});

	it('answers 400 without resource or after, 401 for non-Altinn tokens, 403 without the scope', async () => {
		expect((await poll('after=0')).status).toBe(400);
		expect((await poll(`resource=${resources.demo.urn}`)).status).toBe(400);
		expect(
			(await poll(`resource=${resources.demo.urn}&after=0`, await serviceOwnerToken(local))).status,
		).toBe(401);
		const mp = await serviceOwnerToken(local, 'altinn:serviceowner');
		const noScope = await (
			await fetch(local.urls.exchange.maskinporten, { headers: { authorization: `Bearer ${mp}` } })
		).text();
		expect((await poll(`resource=${resources.demo.urn}&after=0`, noScope)).status).toBe(403);
	});

	it('shows a system user only the events of its own party', async () => {
		await new Promise((r) => setTimeout(r, 100));
		const systemUser = await altinnSystemUserToken(local);
		const events = (await (
			await poll(`resource=${resources.demo.urn}&after=0`, systemUser)
		).json()) as Array<{ subject: string }>;
		expect(events.length).toBeGreaterThan(0);
		expect(events.every((e) => e.subject === bakery)).toBe(true);
	});
});
