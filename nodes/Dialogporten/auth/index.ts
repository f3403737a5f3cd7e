/**
 * How the nodes and credentials of this package authenticate to Altinn. Nodes call
 * `readAltinnCredential` and `authenticatedRequest`; the Maskinporten credential calls
 * `maskinportenAuthenticate` and `maskinportenPreAuthentication`; tests and benchmarks replace the process-wide state with
 * `setTokenService`.
 */
export type { AltinnEndpoints, AltinnEnvironment } from './environments';
export { readAltinnCredential, type AltinnCredentialType, type AnyContext } from './credential';
export { authenticatedRequest } from './request';
export {
	maskinportenAuthenticate,
	maskinportenPreAuthentication,
	type PersistedTokenFields,
} from './preAuthentication';
export { getTokenService, setTokenService } from './state';
export { TokenService } from './tokenService';
