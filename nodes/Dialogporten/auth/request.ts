/**
 * One authenticated request to Altinn, with the node's Maskinporten or ID-porten credential.
 *
 * Maskinporten. Every request passes n8n the token this process holds for the exact configuration
 * (or one another process persisted, while fresh), or an empty field when there is none or it is
 * within its refresh margin, which makes n8n call the credential's preAuthentication now (see
 * preAuthentication.ts); n8n renews the token once on a 401 and retries.
 *
 * ID-porten. n8n's OAuth2 support signs the request and refreshes the token on 401; with the Altinn
 * exchange on, idPortenRequest.ts sends the request with the exchanged Altinn token instead.
 */
import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IHttpRequestOptions,
} from 'n8n-workflow';
import {
	readCredential,
	readIdPortenConfig,
	readIdPortenToken,
	readMaskinportenConfig,
	type AltinnCredentialType,
	type AnyContext,
} from './credential';
import { withoutRequest } from './errors';
import { refreshRefusal } from './idporten';
import { requestWithAltinnToken } from './idPortenRequest';
import { markRetriedOnlyAfter401, persistedToken } from './preAuthentication';
import { getTokenService } from './state';

/**
 * Sends one authenticated request (absolute `options.url`). Errors are n8n's NodeApiError with the
 * HTTP response as cause (the request, which holds the token, is removed from it); bad credential
 * settings are a NodeOperationError raised before anything is sent.
 */
export async function authenticatedRequest(
	this: AnyContext,
	credentialType: AltinnCredentialType,
	options: IHttpRequestOptions,
	itemIndex?: number,
	/** The credential as `readAltinnCredential` just read it for this request; read afresh if absent. */
	credential?: ICredentialDataDecryptedObject,
	// The response has whatever shape the request asks for, as with httpRequestWithAuthentication.
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<any> {
	return credentialType === 'maskinportenApi'
		? await maskinportenRequest.call(this, options, itemIndex, credential)
		: await idPortenRequest.call(this, options, itemIndex, credential);
}

async function maskinportenRequest(
	this: AnyContext,
	options: IHttpRequestOptions,
	itemIndex?: number,
	credential?: ICredentialDataDecryptedObject,
): Promise<unknown> {
	const data = credential ?? (await readCredential.call(this, 'maskinportenApi', itemIndex));
	const config = readMaskinportenConfig.call(this, data, itemIndex);
	const service = getTokenService();
	let token = service.freshToken(config);
	if (!token) {
		const persisted = persistedToken(data, config);
		if (persisted && service.adoptToken(config, persisted)) token = persisted;
	}
	// An empty token makes n8n run the credential's preAuthentication before sending.
	const credentialData = { ...data, accessToken: token?.token ?? '' };
	markRetriedOnlyAfter401(credentialData);
	const nodeCredential = this.getNode().credentials?.maskinportenApi;
	try {
		return await this.helpers.httpRequestWithAuthentication.call(this, 'maskinportenApi', options, {
			credentialsDecrypted: {
				id: nodeCredential?.id ?? '',
				name: nodeCredential?.name ?? '',
				type: 'maskinportenApi',
				data: credentialData,
			},
		});
	} catch (error) {
		throw withoutRequest(error);
	}
}

async function idPortenRequest(
	this: AnyContext,
	options: IHttpRequestOptions,
	itemIndex?: number,
	credential?: ICredentialDataDecryptedObject,
): Promise<unknown> {
	const data = credential ?? (await readCredential.call(this, 'idPortenOAuth2Api', itemIndex));
	const config = readIdPortenConfig.call(this, data, itemIndex);
	const token = readIdPortenToken.call(this, data, itemIndex);
	try {
		if (config.exchange) {
			return await requestWithAltinnToken.call(this, config, token, options, itemIndex);
		}
		return await this.helpers.httpRequestWithAuthentication.call(
			this,
			'idPortenOAuth2Api',
			options,
		);
	} catch (error) {
		const refused = refreshRefusal(error);
		if (refused) throw new NodeOperationError(this.getNode(), refused, { itemIndex });
		// The exchange path raises its errors ready to show.
		throw config.exchange ? error : withoutRequest(error);
	}
}
