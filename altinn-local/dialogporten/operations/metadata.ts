// The anonymous metadata API: the dialog token's signing keys and issuer, the search limits and
// the service resources.
import { issuerKeys, resources } from '../../fixtures';
import { json } from '../../http';
import { publicJwk } from '../../tokens';
import { metadata, type OperationTable } from '../operation';
import { shape } from '../shape';
import { serviceResourceItem } from '../views';

export const LIMITS = {
	endUserSearch: {
		maxPartyFilterValues: 20,
		maxServiceResourceFilterValues: 20,
		maxOrgFilterValues: 20,
		maxExtendedStatusFilterValues: 20,
	},
	serviceOwnerSearch: {
		maxPartyFilterValues: 20,
		maxServiceResourceFilterValues: 20,
		maxExtendedStatusFilterValues: 20,
	},
};

export const metadataOperations = {
	V1WellKnownJwksGet_Jwks: metadata(() => {
		const { kty, crv, x, kid, alg, use } = publicJwk(issuerKeys.dialogporten);
		return json(
			200,
			shape('V1WellKnownJwksQueriesGet_Jwks', { keys: [{ kty, crv, x, kid, alg, use }] }),
		);
	}),
	V1WellKnownOauthAuthorizationServerGet_OauthAuthorizationServer: metadata((op) =>
		json(
			200,
			shape('V1WellKnownOauthAuthorizationServerQueriesGet_OauthAuthorizationServer', {
				issuer: op.state.ctx.tokens.issuers.dialogporten,
				jwks_uri: `${op.state.ctx.baseUrl}/dialogporten/api/v1/.well-known/jwks.json`,
			}),
		),
	),
	V1MetadataLimitsGet_Limits: metadata(() =>
		json(200, shape('V1MetadataLimitsQueriesGet_Limits', LIMITS)),
	),
	V1MetadataServiceResourcesGet_ServiceResourceMetadata: metadata((op) => {
		const items = Object.values(resources).map((r) =>
			serviceResourceItem(r.urn, op.state.ctx.baseUrl),
		);
		return op.ok('V1MetadataServiceResourcesQueriesGet_ServiceResourceMetadata', { items });
	}),
} satisfies OperationTable;
