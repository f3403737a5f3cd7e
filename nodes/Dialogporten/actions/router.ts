import type { IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { chosenOperation } from '../helpers/utils';
import { nodeCredentialType, redactSecrets } from '../transport';
import type { DialogportenApi } from '../helpers/interfaces';
import { concurrencyOf, inLanes } from './concurrency';
import type { ResourceTable } from './node.type';
import { operationOf } from './resourceTable';
import { resources } from './resources';

const tables: Record<string, ResourceTable> = resources;

const GRANT_LABELS: Record<string, string> = {
	client: 'service-owner (client)',
	supplier: 'service-owner (supplier)',
	systemUser: 'system user',
};

/**
 * Whether the credential can call the API at all, told before any request in the words of the
 * editor: the credential is picked in "Credential to connect with", its kind (Maskinporten or
 * ID-porten) there too, and a Maskinporten credential's Grant Type in the credential itself.
 */
async function credentialMismatch(
	this: IExecuteFunctions,
	api: DialogportenApi,
): Promise<{ message: string; description: string } | undefined> {
	const type = nodeCredentialType.call(this);
	if (type === 'idPortenOAuth2Api') {
		if (api !== 'serviceowner') return undefined;
		return {
			message:
				'This credential is an ID-porten (person) login; service owner operations need a Maskinporten credential with the Client or Supplier grant',
			description:
				'In "Credential to connect with", choose a Maskinporten API credential whose Grant Type is Client or Supplier, or choose an operation without "(Service Owner)".',
		};
	}
	let grantType: string;
	try {
		grantType = String((await this.getCredentials('maskinportenApi', 0)).grantType ?? '');
	} catch {
		return undefined; // no credential: the request says so itself
	}
	const grant = GRANT_LABELS[grantType];
	if (!grant) return undefined;
	if (api === 'enduser' && grantType !== 'systemUser') {
		return {
			message: `This credential is a ${grant} grant; the End User API needs a system user or ID-porten`,
			description:
				'In "Credential to connect with", choose a Maskinporten API credential whose Grant Type is System User, or an ID-Porten OAuth2 API credential; or, to act as the service owner, choose the operation marked "(Service Owner)".',
		};
	}
	if (api === 'serviceowner' && grantType === 'systemUser') {
		return {
			message: `This credential is a ${grant} grant; service owner operations need the Client or Supplier grant`,
			description:
				'In "Credential to connect with", choose a Maskinporten API credential whose Grant Type is Client or Supplier, or choose an operation without "(Service Owner)".',
		};
	}
	return undefined;
}

/**
 * Runs the chosen operation once per input item, one after another or, with Concurrency above 1,
 * several at once; each result is paired with its item and the output keeps the input order.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const { operation: operationName, api } = chosenOperation.call(this);
	const table = Object.prototype.hasOwnProperty.call(tables, resource)
		? tables[resource]
		: undefined;
	const operation = operationOf(table, operationName, api)?.operation;
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of "${resource}" is not available in the ${api === 'serviceowner' ? 'service owner' : 'end user'} API`,
		);
	}

	if (resource !== 'metadata') {
		const mismatch = await credentialMismatch.call(this, api);
		if (mismatch) {
			throw new NodeOperationError(this.getNode(), mismatch.message, {
				description: mismatch.description,
			});
		}
	}

	const lanes = concurrencyOf.call(this);
	const processItem = async (itemIndex: number): Promise<INodeExecutionData[]> => {
		try {
			const results = await operation.execute.call(this, itemIndex);
			return results.map((result) => ({ ...result, pairedItem: { item: itemIndex } }));
		} catch (error) {
			if (this.continueOnFail()) {
				const description = (error as NodeApiError).description;
				return [
					{
						json: {
							error: redactSecrets(String((error as Error).message ?? error)),
							...(description ? { description: redactSecrets(String(description)) } : {}),
							...((error as NodeApiError).httpCode
								? { httpCode: (error as NodeApiError).httpCode }
								: {}),
						},
						pairedItem: { item: itemIndex },
					},
				];
			}
			if (error instanceof NodeApiError) {
				error.context.itemIndex ??= itemIndex;
				throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
			}
			if (error instanceof NodeOperationError) {
				error.context.itemIndex ??= itemIndex;
				throw new NodeOperationError(this.getNode(), error);
			}
			throw new NodeOperationError(
				this.getNode(),
				redactSecrets(String((error as Error).message ?? error)),
				{
					itemIndex,
				},
			);
		}
	};

	const returnData: INodeExecutionData[] = [];
	if (lanes === 1) {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++)
			for (const result of await processItem(itemIndex)) returnData.push(result);
	} else {
		for (const results of await inLanes(items.length, lanes, processItem))
			for (const result of results) returnData.push(result);
	}
	return [returnData];
}
