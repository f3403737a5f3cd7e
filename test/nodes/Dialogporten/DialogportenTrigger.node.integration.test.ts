import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { DialogportenTrigger } from '../../../nodes/Dialogporten/DialogportenTrigger.node';
import { BAKERY, DEMO_RESOURCE, EventsHarness, dialogBody } from './triggers/support/eventsHarness';
import { fixtures } from '../../../altinn-local';
import { hashSecret } from '../../../nodes/Dialogporten/triggers/webhook/secret';

const nodeType = new DialogportenTrigger();
const ALL: INodeParameters = {
	serviceResource: DEMO_RESOURCE,
	party: '',
	eventTypes: ['*'],
	includeSubunits: false,
	options: {},
};
const CREATED = 'dialogporten.dialog.created.v1';
const UPDATED = 'dialogporten.dialog.updated.v1';
const INFORMATION = 'dialogporten.dialog.activity.information.v1';

describe('Dialogporten Trigger against the local Altinn Events', () => {
	const h = new EventsHarness(nodeType);

	beforeAll(async () => await h.start({ webhook: true }));
	afterAll(async () => await h.stop());
	beforeEach(() => {
		h.reset();
		h.local.faults.clear();
	});

	const bridge = () => h.bridge!;
	/** The subscriptions whose endpoint carries the secret this activation stored the hash of. */
	const mySubscriptions = () => {
		const secretHash = h.nodeStaticData().secretHash as string | undefined;
		return h.local.events.subscriptions().filter((s) => {
			const secret = new URL(s.endPoint).searchParams.get('secret');
			return secretHash !== undefined && secret !== null && hashSecret(secret) === secretHash;
		});
	};
	const validated = async (count: number) =>
		await h.local.events.waitFor(() => {
			const subs = mySubscriptions();
			return subs.length === count && subs.every((s) => s.validated) && subs;
		});
	/** Delivered event (not handshake) POSTs to this node's endpoint, settled (delivered or retrying). */
	const settledDeliveries = async (count: number) =>
		await h.local.events.waitFor(() => {
			const ids = new Set(mySubscriptions().map((s) => s.id));
			const mine = h.local.events
				.deliveries()
				.filter((d) => d.kind === 'event' && ids.has(d.subscriptionId));
			return (
				mine.length >= count &&
				mine.every((d) => d.attempts.some((a) => a.status !== undefined || a.error)) &&
				mine
			);
		});

	async function deactivate() {
		await h.lifecycle('delete');
	}

	it("activation creates one subscription to this node's URL with a secret, and the handshake validates it without an execution", async () => {
		const executionsBefore = bridge().executions.length;
		const requestsBefore = bridge().requests.length;
		expect(await h.lifecycle('checkExists', ALL)).toBe(false);
		expect(await h.lifecycle('create', ALL)).toBe(true);

		const stored = h.nodeStaticData();
		// Static data (which n8n copies into stored executions) holds the secret's hash, not the secret.
		expect(stored.secretHash).toMatch(/^[0-9a-f]{64}$/);
		expect(stored).not.toHaveProperty('secret');
		const [subscription] = await validated(1);
		expect(subscription.resourceFilter).toBe(DEMO_RESOURCE);
		// No empty-string filters: absent filters are not sent at all.
		expect(subscription.subjectFilter).toBeUndefined();
		expect(subscription.typeFilter).toBeUndefined();
		expect(subscription.includeSubunits).toBe(false);
		const endPoint = new URL(subscription.endPoint);
		expect(`${endPoint.origin}${endPoint.pathname}`).toBe(
			`${h.runtime.additionalData().webhookBaseUrl}/${h.runtime.workflowId}/dialogporten%20trigger/webhook`,
		);
		const secret = endPoint.searchParams.get('secret') ?? '';
		expect(secret.length).toBeGreaterThanOrEqual(40);
		expect(hashSecret(secret)).toBe(stored.secretHash);
		expect(JSON.stringify(stored)).not.toContain(secret);
		expect(stored.subscriptions).toEqual([{ id: subscription.id, filter: expect.any(String) }]);

		const handshake = bridge()
			.requests.slice(requestsBefore)
			.find(
				(r) => (r.result?.webhookResponse as IDataObject)?.message === 'Subscription validated',
			);
		expect(handshake?.status).toBe(200);
		expect(bridge().executions.length).toBe(executionsBefore);

		// n8n restarts: the stored, validated subscription is recognised.
		expect(await h.lifecycle('checkExists', ALL)).toBe(true);
		await deactivate();
	});

	it('a dialog change produces exactly one execution per event; a wrong secret and a duplicate push produce none', async () => {
		await h.activate(ALL);
		await validated(1);
		h.local.events.flushSubscriptionCache();
		const executionsBefore = bridge().executions.length;

		const dialogId = await h.local.dialogs.create(dialogBody());
		const published = h.local.events.published().filter((e) => e.resourceinstance === dialogId);
		expect(published.map((e) => e.type)).toContain(CREATED);
		const deliveries = await settledDeliveries(published.length);
		expect(deliveries.every((d) => d.state === 'delivered')).toBe(true);

		const executions = bridge().executions.slice(executionsBefore);
		expect(executions).toHaveLength(published.length);
		const emitted = executions.map((run) => run[0][0].json);
		expect(emitted.map((e) => e.id).sort()).toEqual(published.map((e) => e.id).sort());
		const created = emitted.find((e) => e.type === CREATED)!;
		expect(created).toMatchObject({
			resourceinstance: dialogId,
			dialogId,
			party: BAKERY,
			serviceResource: DEMO_RESOURCE,
			specversion: '1.0',
		});

		// A push with a wrong secret: 401, no execution.
		const endPoint = new URL(mySubscriptions()[0].endPoint);
		const event = published.find((e) => e.type === CREATED)!;
		const wrong = new URL(endPoint);
		wrong.searchParams.set('secret', 'not-the-secret');
		const wrongResponse = await fetch(wrong, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ ...event, id: 'forged' }),
		});
		expect(wrongResponse.status).toBe(401);
		const missing = new URL(endPoint);
		missing.search = '';
		expect(
			(
				await fetch(missing, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ ...event, id: 'forged' }),
				})
			).status,
		).toBe(401);

		// Altinn redelivers the same event (same id): 200, no execution.
		const duplicate = await fetch(endPoint, {
			method: 'POST',
			headers: { 'content-type': 'application/json; charset=utf-8' },
			body: JSON.stringify(event),
		});
		expect(duplicate.status).toBe(200);
		expect(await duplicate.json()).toEqual({ message: 'Event already received, ignored' });

		// Not a CloudEvent: 400, no execution.
		const junk = await fetch(endPoint, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ hello: 'world' }),
		});
		expect(junk.status).toBe(400);

		expect(bridge().executions.slice(executionsBefore)).toHaveLength(published.length);
		await deactivate();
	});

	it('deactivation deletes the subscription; deleting again, or one already gone (404), succeeds', async () => {
		await h.activate(ALL);
		const [subscription] = await validated(1);
		const requestsBefore = h.eventsRequests();
		expect(await h.lifecycle('delete')).toBe(true);
		expect(h.local.events.subscriptions().some((s) => s.id === subscription.id)).toBe(false);
		expect(h.nodeStaticData().secretHash).toBeUndefined();
		expect(h.nodeStaticData().subscriptions).toBeUndefined();
		expect(h.eventsRequests() - requestsBefore).toBe(1);

		// Nothing stored: nothing to do.
		expect(await h.lifecycle('delete')).toBe(true);
		expect(h.eventsRequests() - requestsBefore).toBe(1);

		// Stored, but already deleted at Altinn: checkExists says so, and delete treats 404 as deleted.
		await h.activate(ALL);
		const [second] = await validated(1);
		const removed = await fetch(`${h.local.urls.events}/subscriptions/${second.id}`, {
			method: 'DELETE',
			headers: { authorization: `Bearer ${await altinnToken(h)}` },
		});
		expect(removed.status).toBe(200);
		expect(await h.lifecycle('checkExists')).toBe(false);
		expect(await h.lifecycle('delete')).toBe(true);
		expect(h.nodeStaticData().subscriptions).toBeUndefined();
	});

	it('checkExists is false when the parameters no longer match; create then replaces the old subscription', async () => {
		await h.activate(ALL);
		const [old] = await validated(1);
		const withParty = {
			...ALL,
			party: fixtures.organizations.bakery.orgNumber,
			includeSubunits: true,
		};
		expect(await h.lifecycle('checkExists', withParty)).toBe(false);
		expect(await h.lifecycle('create', withParty)).toBe(true);
		const [replacement] = await validated(1);
		expect(h.local.events.subscriptions().some((s) => s.id === old.id)).toBe(false);
		expect(replacement.subjectFilter).toBe(BAKERY);
		expect(replacement.includeSubunits).toBe(true);
		expect(await h.lifecycle('checkExists', withParty)).toBe(true);
		expect(await h.lifecycle('checkExists', { ...withParty, eventTypes: [CREATED] })).toBe(false);
		await deactivate();
	});

	it('checkExists is false for a subscription Altinn never validated', async () => {
		await h.activate(ALL);
		await validated(1);
		const stored = h.nodeStaticData();
		// Simulate a failed handshake: the stored secret no longer matches what the endpoint expects.
		const realSecretHash = stored.secretHash;
		stored.secretHash = hashSecret('rotated');
		const failing = await fetch(`${h.local.urls.events}/subscriptions`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${await altinnToken(h)}`,
				'content-type': 'application/json',
			},
			body: JSON.stringify({
				endPoint: `${h.runtime.additionalData().webhookBaseUrl}/${h.runtime.workflowId}/dialogporten%20trigger/webhook?secret=rotated-but-wrong`,
				resourceFilter: DEMO_RESOURCE,
			}),
		});
		const unvalidated = (await failing.json()) as { id: number };
		stored.secretHash = realSecretHash;
		await h.local.events.waitFor(() =>
			h.local.events
				.deliveries()
				.some(
					(d) => d.subscriptionId === unvalidated.id && d.attempts.some((a) => a.status === 401),
				),
		);
		const original = stored.subscriptions as Array<{ id: number; filter: string }>;
		stored.subscriptions = [{ ...original[0], id: unvalidated.id }];
		expect(h.local.events.subscriptions().find((s) => s.id === unvalidated.id)?.validated).toBe(
			false,
		);
		expect(await h.lifecycle('checkExists')).toBe(false);
		stored.subscriptions = original;
		await deactivate();
		await fetch(`${h.local.urls.events}/subscriptions/${unvalidated.id}`, {
			method: 'DELETE',
			headers: { authorization: `Bearer ${await altinnToken(h)}` },
		});
	});

	it('one subscription per type for up to three types: Altinn filters, and only the selected type starts executions', async () => {
		const parameters = { ...ALL, eventTypes: [INFORMATION, CREATED] };
		await h.activate(parameters);
		const subscriptions = await validated(2);
		expect(subscriptions.map((s) => s.typeFilter).sort()).toEqual([CREATED, INFORMATION].sort());
		h.local.events.flushSubscriptionCache();
		const dialogId = await h.local.dialogs.create(dialogBody());
		await settledDeliveries(1);
		const before = bridge().executions.length;
		await h.local.dialogs.addActivity(dialogId, 'Information', 'Ny informasjon');
		const published = h.local.events
			.published()
			.filter((e) => e.resourceinstance === dialogId)
			.map((e) => e.type);
		expect(published).toEqual(expect.arrayContaining([UPDATED, INFORMATION]));
		await settledDeliveries(2);
		const runs = bridge().executions.slice(before);
		expect(runs.map((run) => run[0][0].json.type)).toEqual([INFORMATION]);
		expect(runs[0][0][0].json.activityId).toEqual(expect.any(String));
		await deactivate();
		expect(mySubscriptions()).toHaveLength(0);
	});

	it('above three types: one unfiltered subscription, and the node drops the types not selected', async () => {
		const parameters = {
			...ALL,
			eventTypes: [
				INFORMATION,
				'dialogporten.dialog.deleted.v1',
				'dialogporten.dialog.restored.v1',
				'dialogporten.dialog.activity.closed.v1',
			],
		};
		await h.activate(parameters);
		const [subscription] = await validated(1);
		expect(subscription.typeFilter).toBeUndefined();
		h.local.events.flushSubscriptionCache();
		const dialogId = await h.local.dialogs.create(dialogBody());
		const before = bridge().executions.length;
		await h.local.dialogs.addActivity(dialogId, 'Information');
		const published = h.local.events.published().filter((e) => e.resourceinstance === dialogId);
		await settledDeliveries(published.length);
		const runs = bridge().executions.slice(before);
		expect(runs.map((run) => run[0][0].json.type)).toEqual([INFORMATION]);
		const ignored = bridge().requests.filter(
			(r) =>
				(r.result?.webhookResponse as IDataObject)?.message === 'Event type not selected, ignored',
		);
		expect(ignored.length).toBeGreaterThanOrEqual(2);
		await deactivate();
	});

	it('adds the dialog, fetched with the credential, when asked to', async () => {
		const parameters = { ...ALL, eventTypes: [CREATED], options: { fetchDialog: 'serviceOwner' } };
		await h.activate(parameters);
		await validated(1);
		h.local.events.flushSubscriptionCache();
		const before = bridge().executions.length;
		const dialogId = await h.local.dialogs.create(dialogBody());
		await settledDeliveries(1);
		const [run] = bridge().executions.slice(before);
		const json = run[0][0].json;
		expect((json.dialog as IDataObject).id).toBe(dialogId);
		expect((json.dialog as IDataObject).serviceResource).toBe(DEMO_RESOURCE);
		expect(json.dialogError).toBeUndefined();
		await deactivate();
	});

	it('still emits the event, with dialogError, when the dialog cannot be fetched', async () => {
		// The service-owner credential has no end-user scope, so the end-user API refuses it.
		const parameters = { ...ALL, eventTypes: [CREATED], options: { fetchDialog: 'endUser' } };
		await h.activate(parameters);
		await validated(1);
		h.local.events.flushSubscriptionCache();
		const before = bridge().executions.length;
		await h.local.dialogs.create(dialogBody());
		await settledDeliveries(1);
		const [run] = bridge().executions.slice(before);
		const json = run[0][0].json;
		expect(json.type).toBe(CREATED);
		expect(json.dialog).toBeUndefined();
		expect(json.dialogError).toMatchObject({
			httpCode: expect.any(Number),
			message: expect.any(String),
		});
		expect(JSON.stringify(json)).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
		await deactivate();
	});

	it('refuses to activate without the Altinn token exchange, before any request', async () => {
		h.reset({ exchangeToAltinn: false });
		const before = h.local.stats.requests();
		await expect(h.lifecycle('create', ALL)).rejects.toThrow('Exchange to Altinn Token');
		expect(h.local.stats.requests()).toBe(before);
	});

	it('refuses a non-HTTPS webhook URL outside a Custom environment, before any request', async () => {
		const before = h.local.stats.requests();
		h.reset({ environment: 'test' });
		await expect(h.lifecycle('create', ALL)).rejects.toThrow(
			'Altinn Events can only deliver to a public HTTPS URL',
		);
		h.reset({ environment: 'production' });
		const error = (await h.lifecycle('create', ALL).catch((e: unknown) => e)) as Error & {
			description?: string;
		};
		expect(error.message).toBe('Altinn Events can only deliver to a public HTTPS URL');
		expect(error.description).toContain('WEBHOOK_URL');
		expect(error.description).toContain('Dialogporten Polling Trigger');
		expect(h.local.stats.requests()).toBe(before);
	});

	it('refuses bad parameters before any request', async () => {
		const before = h.local.stats.requests();
		await expect(h.lifecycle('create', { ...ALL, includeSubunits: true })).rejects.toThrow(
			'Include Subunits needs a Party',
		);
		await expect(h.lifecycle('create', { ...ALL, serviceResource: '' })).rejects.toThrow(
			'Service Resource is required',
		);
		await expect(h.lifecycle('create', { ...ALL, party: '12' })).rejects.toThrow('Party must be');
		expect(h.local.stats.requests()).toBe(before);
	});

	it("surfaces Altinn's refusal and leaves nothing behind", async () => {
		const parameters = { ...ALL, serviceResource: fixtures.resources.otherOwner.urn };
		const error = await h
			.lifecycle('create', parameters)
			.catch((e: Error & { httpCode?: string; description?: string }) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as { httpCode?: string }).httpCode).toBe('403');
		expect(
			`${(error as Error).message} ${(error as { description?: string }).description}`,
		).toContain('Not authorized to create a subscription');
		expect(h.nodeStaticData().secretHash).toBeUndefined();
		expect(h.nodeStaticData().subscriptions).toBeUndefined();
	});

	it('removes the subscriptions it made when a later one fails', async () => {
		const parameters = { ...ALL, eventTypes: [CREATED, INFORMATION] };
		const countBefore = h.local.events.subscriptions().length;
		const firstCreated = h.local.events
			.waitFor(() => h.local.events.subscriptions().length === countBefore + 1)
			.then(() =>
				h.local.faults.set({
					kind: '500',
					pathPrefix: '/platform/events/api/v1/subscriptions',
					methods: ['POST'],
				}),
			);
		await expect(h.lifecycle('create', parameters)).rejects.toMatchObject({ httpCode: '500' });
		await firstCreated;
		h.local.faults.clear();
		expect(h.local.events.subscriptions()).toHaveLength(countBefore);
		expect(h.nodeStaticData().secretHash).toBeUndefined();
	});
});

async function altinnToken(h: EventsHarness): Promise<string> {
	const { access_token } = await h.local.tokens.maskinporten(fixtures.serviceOwnerClient, {
		scope: 'altinn:events.subscribe altinn:serviceowner',
	});
	const response = await fetch(h.local.urls.exchange.maskinporten, {
		headers: { authorization: `Bearer ${access_token}` },
	});
	return (await response.text()).replace(/^"|"$/g, '');
}
