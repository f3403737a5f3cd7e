// The stand-in's public interface: its options, URLs, statistics and the handle startAltinnLocal()
// returns.
import type { SpecViolation, TokenLifetimes } from './context';
import type { ActivityType, StoredDialog } from './dialogporten/model';
import type { CloudEvent, Delivery, EventsOptions, Subscription } from './events/service';
import type { Faults, FaultRule } from './faults';
import type * as fixtures from './fixtures';
import type { GrantOptions } from './grants';
import type { IdPortenOptions, IdPortenTokenResponse } from './idporten/service';
import type { IssuedToken } from './tokens';

export interface AltinnLocalOptions {
	/** 0 = a random free port. Default: env ALTINN_LOCAL_PORT, else 7780. */
	port?: number;
	/** Number of seed dialogs. Default: env ALTINN_LOCAL_SEED_DIALOGS, else 50. */
	seedDialogs?: number;
	/** PRNG seed for the seed dialogs (same seed, same dialogs). */
	seedRandom?: number;
	tokenLifetimeSeconds?: TokenLifetimes;
	/** Multiplies every modelled delay (Events retries, visibility delay, subscription cache). Default 1. */
	timeScale?: number;
	/** Validate Dialogporten requests and responses against the OpenAPI document. Default true. */
	validateSpec?: boolean;
	/** No logging to stderr. Default true. */
	quiet?: boolean;
	/** Initial fault rules (env ALTINN_LOCAL_FAULTS is used when not given). */
	faults?: FaultRule[];
	idporten?: IdPortenOptions;
	events?: EventsOptions;
}

export interface AltinnLocalUrls {
	maskinporten: { issuer: string; token: string; wellKnown: string; jwks: string };
	idporten: { issuer: string; authorize: string; token: string; wellKnown: string; jwks: string };
	platform: string;
	exchange: { maskinporten: string; idporten: string };
	dialogporten: string;
	/** The end user's inbox: `{inbox}/inbox/{dialogId}` shows a dialog (see inbox.ts). */
	inbox: string;
	events: string;
	correspondence: string;
	/** A scope-protected API: `{protectedApi}/{scope}/any/path` (see protected-api.ts). */
	protectedApi: string;
	admin: string;
}

export interface AltinnLocalStats {
	/** Successful Maskinporten grants (tokens issued), for one client or all. */
	maskinportenGrants(clientId?: string): number;
	/** Maskinporten grants rejected, by MP code or OAuth error, or all. */
	maskinportenRejections(code?: string): number;
	/** Requests received (before fault injection), by path prefix or all. */
	requests(pathPrefix?: string): number;
	/** Altinn tokens issued by the exchange, by provider (`maskinporten` | `id-porten`) or all. */
	exchanges(provider?: string): number;
	/** Dialogporten operations called, by operationId or all. */
	operations(operationId?: string): number;
	/** ID-porten token responses issued: for one grant type (`authorization_code` | `refresh_token`) or both. */
	idportenTokens(grantType?: 'authorization_code' | 'refresh_token'): number;
	/** CloudEvents published by Dialogporten, by type or all. */
	eventsPublished(type?: string): number;
	reset(): void;
}

/** One request seen by the stand-in: when it arrived (`start`) and when it was answered (`end`). */
export interface RequestEvent {
	phase: 'start' | 'end';
	method: string;
	path: string;
	/** performance.now() of the stand-in's process. */
	at: number;
	/** The status answered (`end` only; undefined for a dropped or hanging connection). */
	status?: number;
}

export interface AltinnLocal {
	baseUrl: string;
	urls: AltinnLocalUrls;
	stop(): Promise<void>;
	/** Calls `listener` as each request arrives and is answered; returns a function that stops it. */
	onRequest(listener: (event: RequestEvent) => void): () => void;
	specViolations: SpecViolation[];
	stats: AltinnLocalStats;
	faults: Faults;
	fixtures: typeof fixtures;
	tokens: {
		/** Revokes a token (its text or its jti) everywhere. */
		revoke(tokenOrJti: string): void;
		/**
		 * Every token handed out so far, oldest first: access, id, exchanged and dialog tokens of every
		 * issuer, and ID-porten refresh tokens (read-only copy; for tests that look for leaks).
		 */
		issued(kind?: IssuedToken['kind']): IssuedToken[];
		/** A Maskinporten access token for a fixture client, obtained through the real grant verification. */
		maskinporten(
			client: fixtures.MaskinportenClient,
			options: Omit<GrantOptions, 'issuer'>,
		): Promise<{ access_token: string; expires_in: number; scope: string }>;
	};
	idporten: {
		/** Runs the authorization code flow (PKCE, consent) for a fixture person; returns the tokens. */
		login(options?: {
			pid?: string;
			scope?: string;
			acr?: string;
			redirectUri?: string;
		}): Promise<IdPortenTokenResponse>;
		/** Skip the login page: authorize logs this person in and consents at once (undefined to turn off). */
		setAutoConsent(pid: string | undefined): void;
		/** Registers another redirect URI on the fixture ID-porten client. */
		addRedirectUri(uri: string): void;
	};
	events: {
		subscriptions(): Subscription[];
		/** Every webhook POST made (validation handshakes and events), with attempts and state. */
		deliveries(): Delivery[];
		/** Every CloudEvent Dialogporten published, in order. */
		published(): CloudEvent[];
		flushSubscriptionCache(): void;
		/** Resolves when `predicate` holds (checked on every change), rejects after `timeoutMs`. */
		waitFor<T>(predicate: () => T | undefined | false, timeoutMs?: number): Promise<T>;
	};
	dialogs: {
		count(): number;
		/** IDs of the stored dialogs of a party (URN), in store order. */
		idsForParty(party: string): string[];
		/** Creates a dialog as service owner `org` (default `ttd`), through the API's validation. Returns its id. */
		create(body: Record<string, unknown>, org?: string): Promise<string>;
		/** Raw stored dialog (read-only use). */
		get(id: string): StoredDialog | undefined;
		/** Applies a JSON Patch as the owning service owner would (PATCH). */
		patch(id: string, operations: Array<Record<string, unknown>>): Promise<void>;
		/** Appends an activity (as the service owner) and emits its events. */
		addActivity(id: string, type: ActivityType, description?: string): Promise<string>;
	};
}
