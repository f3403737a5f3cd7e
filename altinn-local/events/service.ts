// Altinn Events: the subscriptions API, the `platform.events.validatesubscription` handshake,
// webhook delivery of Dialogporten's CloudEvents (one per POST, retried on the documented
// schedule), and the polling API with the `after` cursor. Every modelled delay (retry schedule,
// 30 s visibility delay, one-hour subscription cache) is multiplied by `timeScale`.
import { randomUUID } from 'node:crypto';
import { authenticate, type Principal } from '../auth';
import type { Context } from '../context';
import type { DialogEventInput } from '../dialogporten/state';
import { bodyJson, empty, header, json, type Request, type Response, type Router } from '../http';
import { CLOCK_SKEW_SECONDS } from '../tokens';
import { authorized, consumerOf, SCOPE } from './authorization';
import { readSubscriptionRequest, subscriptionView } from './subscription-request';
import type {
	CloudEvent,
	Delivery,
	DeliveryAttempt,
	EventsOptions,
	StoredEvent,
	Subscription,
} from './model';

export type { CloudEvent, Delivery, DeliveryAttempt, EventsOptions, Subscription } from './model';

const DELIVERY_SCHEDULE = [10, 30, 60, 300, 600, 1800, 3600, 10800, 21600, 43200, 43200];
const VALIDATION_SCHEDULE = [1, 5, 10, 30, 60, 120, 120, 120];

export class AltinnEvents {
	private readonly subscriptions = new Map<number, Subscription>();
	private nextSubscriptionId = 1;
	private readonly log: StoredEvent[] = [];
	private readonly seqById = new Map<string, number>();
	readonly deliveries: Delivery[] = [];
	private readonly cache = new Map<string, { subscriptions: Subscription[]; expiresAt: number }>();
	private readonly schedule: number[];
	private readonly validationSchedule: number[];
	private readonly cacheSeconds: number;
	private readonly visibilitySeconds: number;
	private readonly timeoutMs: number;
	private readonly listeners = new Set<() => void>();

	constructor(
		private readonly ctx: Context,
		options: EventsOptions = {},
	) {
		this.schedule = options.retrySchedule ?? DELIVERY_SCHEDULE;
		this.validationSchedule = options.validationRetrySchedule ?? VALIDATION_SCHEDULE;
		this.cacheSeconds = options.subscriptionCacheSeconds ?? 3600;
		this.visibilitySeconds = options.visibilityDelaySeconds ?? 30;
		this.timeoutMs = options.requestTimeoutMs ?? 10_000;
	}

	get base(): string {
		return `${this.ctx.baseUrl}/events/api/v1`;
	}

	register(router: Router): void {
		for (const prefix of ['/events/api/v1', '/platform/events/api/v1']) {
			router.add('POST', `${prefix}/subscriptions`, (req) => this.create(req));
			router.add('GET', `${prefix}/subscriptions`, (req) => this.list(req));
			router.add('GET', `${prefix}/subscriptions/{id}`, (req) => this.get(req));
			router.add('DELETE', `${prefix}/subscriptions/{id}`, (req) => this.remove(req));
			router.add('GET', `${prefix}/events`, (req) => this.query(req));
		}
	}

	/** Resolves whenever something changes (deliveries, subscriptions); for tests that wait. */
	onChange(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	private changed(): void {
		for (const l of this.listeners) l();
	}

	// ---- publishing (from Dialogporten) -------------------------------------------------------

	/** Turns a Dialogporten domain event into the CloudEvent Dialogporten publishes, and publishes it. */
	publishDialogEvent(e: DialogEventInput): CloudEvent {
		const d = e.dialog;
		const event: CloudEvent = {
			specversion: '1.0',
			id: e.id ?? randomUUID(),
			type: e.type,
			time: new Date().toISOString(),
			resource: d.serviceResource,
			resourceinstance: d.id,
			subject: d.party,
			source: `${this.ctx.baseUrl}/dialogporten/api/v1/enduser/dialogs/${d.id}${e.subPath ?? ''}`,
		};
		if (e.data) event.data = e.data;
		this.publish(event);
		return event;
	}

	publish(event: CloudEvent): void {
		const seq = this.log.length + 1;
		this.log.push({ seq, event, registeredAt: Date.now() });
		this.seqById.set(event.id, seq);
		this.ctx.counters.increment('events.published', event.type);
		for (const sub of this.matching(event)) {
			if (!this.mayReceive(sub.consumer, event)) continue;
			this.deliver(sub, 'event', event);
		}
		this.changed();
	}

	/**
	 * Subscriptions matching an event, through the subscription cache: Altinn Events caches the
	 * lookup per (resource, subject, type) for SubscriptionCachingLifetimeInSeconds, so a new
	 * subscription may miss events and a deleted one may keep receiving them until the entry expires.
	 */
	private matching(event: CloudEvent): Subscription[] {
		const key = `${event.resource}\u0000${event.subject}\u0000${event.type}`;
		const now = Date.now();
		const cached = this.cache.get(key);
		if (cached && cached.expiresAt > now) return cached.subscriptions;
		const subscriptions = [...this.subscriptions.values()].filter(
			(s) =>
				s.validated &&
				s.resourceFilter === event.resource &&
				(s.subjectFilter === undefined || s.subjectFilter === event.subject) &&
				(s.typeFilter === undefined || s.typeFilter === event.type),
		);
		this.cache.set(key, { subscriptions, expiresAt: now + this.ctx.scaled(this.cacheSeconds) });
		return subscriptions;
	}

	flushSubscriptionCache(): void {
		this.cache.clear();
	}

	// ---- delivery -----------------------------------------------------------------------------

	private deliver(sub: Subscription, kind: Delivery['kind'], event: CloudEvent): Delivery {
		const delivery: Delivery = {
			id: randomUUID(),
			subscriptionId: sub.id,
			endPoint: sub.endPoint,
			kind,
			event,
			attempts: [],
			state: 'pending',
		};
		this.deliveries.push(delivery);
		void this.attempt(delivery, sub);
		return delivery;
	}

	private async attempt(delivery: Delivery, sub: Subscription): Promise<void> {
		if (this.ctx.stopped) return;
		const attempt: DeliveryAttempt = { at: new Date().toISOString() };
		delivery.attempts.push(attempt);
		let ok = false;
		try {
			const res = await fetch(delivery.endPoint, {
				method: 'POST',
				headers: { 'content-type': 'application/json; charset=utf-8' },
				body: JSON.stringify(delivery.event),
				signal: AbortSignal.timeout(this.timeoutMs),
			});
			attempt.status = res.status;
			await res.arrayBuffer().catch(() => undefined);
			ok = res.status >= 200 && res.status < 300;
		} catch (e) {
			attempt.error = (e as Error).message;
		}
		if (this.ctx.stopped) return;
		this.ctx.counters.increment('events.attempts', delivery.kind);
		if (ok) {
			delivery.state = 'delivered';
			if (delivery.kind === 'validation') {
				sub.validated = true;
				this.ctx.log(`subscription ${sub.id} validated`);
			}
			this.ctx.counters.increment('events.delivered', delivery.kind);
			this.changed();
			return;
		}
		const schedule = delivery.kind === 'validation' ? this.validationSchedule : this.schedule;
		const retry = delivery.attempts.length - 1;
		if (retry >= schedule.length) {
			delivery.state = delivery.kind === 'validation' ? 'failed' : 'dead-letter';
			this.changed();
			return;
		}
		this.changed();
		this.ctx.schedule(() => void this.attempt(delivery, sub), this.ctx.scaled(schedule[retry]));
	}

	// ---- authorization ------------------------------------------------------------------------

	private async principal(req: Request, requireScope: boolean): Promise<Principal | Response> {
		// Events accepts Altinn tokens only: Maskinporten and ID-porten tokens must be exchanged first.
		const p = await authenticate(this.ctx, req, ['altinn'], CLOCK_SKEW_SECONDS.events);
		if (!('issuer' in p)) return p;
		if (requireScope && !p.scopes.has(SCOPE)) return empty(403);
		return p;
	}

	private readonly principals = new Map<string, Principal>();

	private mayReceive(consumer: string, event: CloudEvent): boolean {
		return authorized(
			consumer,
			event.resource ?? '',
			event.subject ?? '',
			this.principals.get(consumer),
		);
	}

	// ---- subscriptions API --------------------------------------------------------------------

	private async create(req: Request): Promise<Response> {
		const p = await this.principal(req, false);
		if (!('issuer' in p)) return p;
		if (!(header(req, 'content-type') ?? '').toLowerCase().startsWith('application/json'))
			return empty(415);
		const request = readSubscriptionRequest(bodyJson(req), p.scopes.has(SCOPE));
		if ('status' in request) return request;
		const { endPoint, resourceFilter, subjectFilter, typeFilter, includeSubunits } = request;
		const consumer = consumerOf(p);
		this.principals.set(consumer, p);
		if (!authorized(consumer, resourceFilter, subjectFilter, p)) {
			return json(403, `Not authorized to create a subscription for resource ${resourceFilter}.`);
		}
		// Identical subscriptions are not duplicated: the existing one is returned and validated again.
		let sub = [...this.subscriptions.values()].find(
			(s) =>
				s.resourceFilter === resourceFilter &&
				s.subjectFilter === subjectFilter &&
				s.typeFilter === typeFilter &&
				s.consumer === consumer &&
				s.endPoint === endPoint &&
				s.includeSubunits === includeSubunits,
		);
		if (!sub) {
			sub = {
				id: this.nextSubscriptionId++,
				endPoint,
				resourceFilter,
				subjectFilter,
				typeFilter,
				includeSubunits,
				consumer,
				createdBy: consumer,
				created: new Date().toISOString(),
				validated: false,
			};
			this.subscriptions.set(sub.id, sub);
		}
		this.ctx.counters.increment('events.subscriptions');
		const validation: CloudEvent = {
			specversion: '1.0',
			id: randomUUID(),
			source: `${this.base}/subscriptions/${sub.id}`,
			type: 'platform.events.validatesubscription',
		};
		this.deliver(sub, 'validation', validation);
		this.changed();
		return json(201, subscriptionView(sub), { location: `/events/api/v1/subscription/${sub.id}` });
	}

	private async list(req: Request): Promise<Response> {
		const p = await this.principal(req, false);
		if (!('issuer' in p)) return p;
		const consumer = consumerOf(p);
		const subscriptions = [...this.subscriptions.values()]
			.filter((s) => s.consumer === consumer)
			.map((s) => subscriptionView(s));
		return json(200, { count: subscriptions.length, subscriptions });
	}

	private lookup(req: Request, p: Principal): Subscription | Response {
		const id = Number(req.params.id);
		const sub = Number.isInteger(id) ? this.subscriptions.get(id) : undefined;
		if (!sub) return empty(404);
		if (sub.createdBy !== consumerOf(p)) return empty(403);
		return sub;
	}

	private async get(req: Request): Promise<Response> {
		const p = await this.principal(req, false);
		if (!('issuer' in p)) return p;
		const sub = this.lookup(req, p);
		return 'status' in sub ? sub : json(200, subscriptionView(sub));
	}

	private async remove(req: Request): Promise<Response> {
		const p = await this.principal(req, false);
		if (!('issuer' in p)) return p;
		const sub = this.lookup(req, p);
		if ('status' in sub) return sub;
		this.subscriptions.delete(sub.id);
		this.changed();
		return empty(200);
	}

	// ---- polling API --------------------------------------------------------------------------

	private async query(req: Request): Promise<Response> {
		const p = await this.principal(req, true);
		if (!('issuer' in p)) return p;
		const q = req.query;
		const resource = q.get('resource');
		if (!resource || !resource.startsWith('urn:altinn:resource:'))
			return json(400, "The 'resource' parameter must begin with urn:altinn:resource:");
		const after = q.get('after');
		if (after === null || after === '') return json(400, "The 'after' parameter must be defined.");
		const subject = q.get('subject') ?? undefined;
		if (subject && header(req, 'altinn-alternativesubject'))
			return json(400, "Only one of 'subject' or 'alternativeSubject' can be defined.");
		const types = q.getAll('type').filter(Boolean);
		const patterns = types.map(
			(t) =>
				new RegExp(
					`^${t
						.split('%')
						.map((x) => x.replace(/[.*+?^${}()|[\]\\_]/g, (c) => (c === '_' ? '.' : `\\${c}`)))
						.join('.*')}$`,
				),
		);
		const sizeRaw = Number(q.get('size') ?? '50');
		const size =
			!Number.isFinite(sizeRaw) || sizeRaw < 1 ? 50 : Math.min(Math.floor(sizeRaw), 1000);
		const afterSeq = this.seqById.get(after) ?? 0;
		const visibleBefore = Date.now() - this.ctx.scaled(this.visibilitySeconds);
		const consumer = consumerOf(p);
		this.principals.set(consumer, p);
		const out: CloudEvent[] = [];
		for (let i = afterSeq; i < this.log.length && out.length < size; i++) {
			const { event, registeredAt } = this.log[i];
			if (registeredAt > visibleBefore) break;
			if (event.resource !== resource) continue;
			if (subject && event.subject !== subject) continue;
			if (patterns.length && !patterns.some((re) => re.test(event.type))) continue;
			if (!authorized(consumer, event.resource, event.subject, p)) continue;
			out.push(event);
		}
		const next = new URL(`${this.base}/events`);
		for (const [k, v] of q) if (k !== 'after') next.searchParams.append(k, v);
		next.searchParams.set('after', out.length ? out[out.length - 1].id : after);
		return json(200, out, {
			'content-type': 'application/cloudevents+json; charset=utf-8',
			next: next.toString(),
		});
	}

	// ---- inspection ---------------------------------------------------------------------------

	listSubscriptions(): Subscription[] {
		return [...this.subscriptions.values()].map((s) => ({ ...s }));
	}

	published(): CloudEvent[] {
		return this.log.map((e) => e.event);
	}
}
