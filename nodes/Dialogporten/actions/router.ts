import type { IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { chosenOperation } from '../helpers/utils';
import { nodeCredentialType, redactSecrets } from '../transport';
import { concurrencyOf, inLanes } from './concurrency';
import type { ResourceTable } from './node.type';
import { operationOf } from './resourceTable';
import { resources } from './resources';

const tables: Record<string, ResourceTable> = resources;

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

	if (
		api === 'serviceowner' &&
		resource !== 'metadata' &&
		nodeCredentialType.call(this) === 'idPortenOAuth2Api'
	) {
		throw new NodeOperationError(
			this.getNode(),
			'The service owner API accepts only Maskinporten tokens: this credential is an ID-porten (person) login; choose a Maskinporten credential with the client or supplier grant in the Credential to connect with list',
		);
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
