// What ID-porten keeps between the steps of a login: pending authorization requests, issued codes,
// refresh sessions; and what its token endpoint answers.
import { createHash } from 'node:crypto';
import type { IdPortenClient } from '../fixtures';

export const ACR_VALUES = ['idporten-loa-substantial', 'idporten-loa-high'];

/** The PKCE S256 challenge of a code verifier. */
export function s256(verifier: string): string {
	return createHash('sha256').update(verifier).digest('base64url');
}

export interface PendingAuthorization {
	id: string;
	client: IdPortenClient;
	redirectUri: string;
	scope: string[];
	state: string;
	nonce: string;
	codeChallenge: string;
	acr: string;
	loginHint?: string;
	createdAt: number;
}

export interface IssuedCode extends PendingAuthorization {
	pid: string;
	code: string;
	used: boolean;
	authTime: number;
}

export interface RefreshSession {
	token: string;
	clientId: string;
	pid: string;
	scope: string[];
	acr: string;
	/** Absolute end of the authorization (authorization_lifetime). */
	authorizationExpiresAt: number;
	/** Inactivity expiry (refresh_token_lifetime), reset on every use. */
	expiresAt: number;
	used: boolean;
	sid: string;
	authTime: number;
}

export interface IdPortenTokenResponse {
	access_token: string;
	id_token: string;
	refresh_token: string;
	token_type: 'Bearer';
	expires_in: number;
	refresh_token_expires_in: number;
	scope: string;
}
