/**
 * Reads the node's Altinn credential: the decrypted data, its configuration, and (ID-porten) the
 * stored access token. A credential that does not validate is a NodeOperationError naming the
 * field, raised before anything is sent.
 */
import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IExecuteFunctions,
	type INode,
	type IHookFunctions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';
import type { AltinnEndpoints, AltinnEnvironment } from './environments';
import {
	assertIdPortenScopesGranted,
	assertIdPortenSecurityLevel,
	idPortenAccessToken,
	parseIdPortenCredential,
	type IdPortenConfig,
	type IdPortenTokenInfo,
} from './idporten';
import { parseMaskinportenCredential, type MaskinportenConfig } from './maskinporten';

export type AltinnCredentialType = 'maskinportenApi' | 'idPortenOAuth2Api';

/** Every n8n context a node of this package sends requests from. */
export type AnyContext =
	IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IPollFunctions | IWebhookFunctions;

type CredentialReader = {
	getCredentials<T extends object = ICredentialDataDecryptedObject>(
		type: string,
		itemIndex?: number,
	): Promise<T>;
};

export async function readCredential(
	this: AnyContext,
	type: AltinnCredentialType,
	itemIndex?: number,
): Promise<ICredentialDataDecryptedObject> {
	return await (this as unknown as CredentialReader).getCredentials<ICredentialDataDecryptedObject>(
		type,
		itemIndex,
	);
}

/** `read(data)`, with a problem in the credential reported as a NodeOperationError of `node`. */
function fromCredential<T>(
	node: INode,
	read: (data: ICredentialDataDecryptedObject) => T,
	data: ICredentialDataDecryptedObject,
	itemIndex?: number,
): T {
	try {
		return read(data);
	} catch (error) {
		throw new NodeOperationError(node, error as Error, { itemIndex });
	}
}

export function readMaskinportenConfig(
	this: AnyContext,
	data: ICredentialDataDecryptedObject,
	itemIndex?: number,
): MaskinportenConfig {
	return fromCredential(this.getNode(), (d) => parseMaskinportenCredential(d), data, itemIndex);
}

export function readIdPortenConfig(
	this: AnyContext,
	data: ICredentialDataDecryptedObject,
	itemIndex?: number,
): IdPortenConfig {
	return fromCredential(this.getNode(), parseIdPortenCredential, data, itemIndex);
}

/** The stored ID-porten token; refused when it lacks scopes the credential asks for. */
export function readIdPortenToken(
	this: AnyContext,
	data: ICredentialDataDecryptedObject,
	itemIndex?: number,
): IdPortenTokenInfo {
	const read = (d: ICredentialDataDecryptedObject) => {
		const token = idPortenAccessToken(d);
		assertIdPortenScopesGranted(d);
		assertIdPortenSecurityLevel(d);
		return token;
	};
	return fromCredential(this.getNode(), read, data, itemIndex);
}

/**
 * Reads the node's credential of that type: the decrypted data, its environment (Test, Production
 * or Custom) and its Altinn endpoints. The data can be handed to `authenticatedRequest` for the
 * request that follows, which then reads it only once (each read is a database look-up, a
 * decryption and the credential's expressions in n8n).
 */
export async function readAltinnCredential(
	this: AnyContext,
	credentialType: AltinnCredentialType,
	itemIndex?: number,
): Promise<{
	data: ICredentialDataDecryptedObject;
	environment: AltinnEnvironment;
	endpoints: AltinnEndpoints;
}> {
	const data = await readCredential.call(this, credentialType, itemIndex);
	const { environment, endpoints } =
		credentialType === 'maskinportenApi'
			? readMaskinportenConfig.call(this, data, itemIndex)
			: readIdPortenConfig.call(this, data, itemIndex);
	return { data, environment, endpoints };
}
