/**
 * The Maskinporten credential's configuration, validated in full before any request.
 */
import { createHash } from 'node:crypto';
import { UserError, type ICredentialDataDecryptedObject } from 'n8n-workflow';
import {
	MASKINPORTEN,
	altinnEndpoints,
	exchangeUrl,
	parseEnvironment,
	requireUrl,
	type AltinnEndpoints,
	type AltinnEnvironment,
} from './environments';
import type { MaskinportenGrantType } from './grant';
import {
	parseAlgorithm,
	parseCertificateKey,
	parseJwkKey,
	type SigningAlgorithm,
	type SigningKey,
} from './keys';
import { parseExternalRef, parseOrgNumber, parseScopes } from './validation';

export interface MaskinportenConfig {
	environment: AltinnEnvironment;
	tokenUrl: string;
	/** The Maskinporten issuer, sent as the grant's `aud`. */
	audience: string;
	endpoints: AltinnEndpoints;
	clientId: string;
	grantType: MaskinportenGrantType;
	scopes: string[];
	systemUserOrg?: string;
	externalRef?: string;
	consumerOrg?: string;
	algorithm: SigningAlgorithm;
	key: SigningKey;
	exchange: boolean;
	altinnTestOrg: boolean;
	/** Where the exchange happens, when `exchange` is on. */
	exchangeUrl: string;
	/** Identifies the Maskinporten token: a hash of everything that changes it, never a secret. */
	maskinportenKey: string;
	/** Identifies the token requests are sent with (the Altinn token when exchange is on). */
	cacheKey: string;
}

function parseGrantType(value: unknown): MaskinportenGrantType {
	if (value === undefined || value === null || value === '') return 'client';
	if (value === 'client' || value === 'systemUser' || value === 'supplier') return value;
	throw new UserError(
		`Unknown grant type "${String(value)}": choose Client, System User or Supplier`,
	);
}

function hash(parts: unknown[]): string {
	return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 40);
}

/** Reads and checks the whole credential. Throws a UserError naming the field on the first problem. */
/** What n8n stores in the credential about the token it last sent: not settings. */
const TOKEN_FIELDS = new Set(['accessToken', 'expiresAt', 'refreshAt', 'configFingerprint']);
/** How long a parsed configuration is reused (a certificate's validity is checked again after it). */
const PARSED_TTL_MS = 60_000;
const PARSED_MAX = 32;
const parsedConfigs = new Map<string, { config: MaskinportenConfig; parsedAt: number }>();

/**
 * The credential's configuration, parsed once per minute per set of settings rather than on every
 * request (n8n decrypts the credential afresh each time; parsing the key is the costly part). The
 * settings are told apart by a SHA-256 of everything but the stored token fields.
 */
export function parseMaskinportenCredential(
	data: ICredentialDataDecryptedObject,
	now = Date.now(),
): MaskinportenConfig {
	const settings = Object.keys(data)
		.filter((name) => !TOKEN_FIELDS.has(name))
		.sort()
		.map((name) => [name, data[name]]);
	const key = createHash('sha256').update(JSON.stringify(settings)).digest('base64url');
	const cached = parsedConfigs.get(key);
	if (cached && now >= cached.parsedAt && now - cached.parsedAt < PARSED_TTL_MS)
		return cached.config;
	const config = parseSettings(data, now);
	if (parsedConfigs.size >= PARSED_MAX)
		parsedConfigs.delete(parsedConfigs.keys().next().value as string);
	parsedConfigs.set(key, { config, parsedAt: now });
	return config;
}

function parseSettings(data: ICredentialDataDecryptedObject, now: number): MaskinportenConfig {
	const environment = parseEnvironment(data.environment);
	const tokenUrl =
		environment === 'custom'
			? requireUrl(data.tokenUrl, 'Token URL')
			: MASKINPORTEN[environment].tokenUrl;
	let audience: string;
	if (environment === 'custom') {
		const text = typeof data.audience === 'string' ? data.audience.trim() : '';
		if (text === '')
			throw new UserError(
				'Audience (the Maskinporten issuer) is required when the environment is Custom',
			);
		audience = text;
	} else {
		audience = MASKINPORTEN[environment].issuer;
	}
	const endpoints = altinnEndpoints(environment, data);
	const clientId = typeof data.clientId === 'string' ? data.clientId.trim() : '';
	if (clientId === '')
		throw new UserError('Client ID is required (the integration id from Samarbeidsportalen)');
	const grantType = parseGrantType(data.grantType);
	const scopes = parseScopes(data.scopes);
	const systemUserOrg =
		grantType === 'systemUser'
			? parseOrgNumber(data.systemUserOrg, 'System User Organization')
			: undefined;
	const externalRef = grantType === 'systemUser' ? parseExternalRef(data.externalRef) : undefined;
	const consumerOrg =
		grantType === 'supplier'
			? parseOrgNumber(data.consumerOrg, 'Consumer Organization')
			: undefined;
	const algorithm = parseAlgorithm(data.algorithm);
	const keyType = data.keyType ?? 'jwk';
	let key: SigningKey;
	if (keyType === 'jwk') key = parseJwkKey(data.privateJwk, data.keyId);
	else if (keyType === 'certificate')
		key = parseCertificateKey(data.certificateChain, data.privateKey, now);
	else
		throw new UserError(
			`Unknown key type "${String(keyType)}": choose JWK or Business Certificate`,
		);
	const exchange = data.exchangeToAltinn === true;
	// The Altinn test organization exists in TT02 only; the switch is hidden for Production and a
	// value left on from another environment must not reach a production exchange.
	const altinnTestOrg = exchange && data.altinnTestOrg === true && environment !== 'production';
	const exchangeAt = exchangeUrl(endpoints.platform, 'maskinporten', altinnTestOrg);
	const maskinportenKey = `maskinporten:${hash([
		environment,
		tokenUrl,
		audience,
		clientId,
		key.fingerprint,
		'kid' in key.header ? key.header.kid : 'x5c',
		algorithm,
		[...scopes].sort(),
		grantType,
		systemUserOrg ?? null,
		externalRef ?? null,
		consumerOrg ?? null,
	])}`;
	const cacheKey = exchange ? `altinn:${hash([maskinportenKey, exchangeAt])}` : maskinportenKey;
	return {
		environment,
		tokenUrl,
		audience,
		endpoints,
		clientId,
		grantType,
		scopes,
		systemUserOrg,
		externalRef,
		consumerOrg,
		algorithm,
		key,
		exchange,
		altinnTestOrg,
		exchangeUrl: exchangeAt,
		maskinportenKey,
		cacheKey,
	};
}
