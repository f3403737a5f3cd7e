import type { IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { chosenOperation } from '../helpers/utils';
import { nodeCredentialType, redactSecrets } from '../transport';
import type { ResourceTable } from './node.type';
import { operationOf } from './resourceTable';
import { resources } from './resources';

const tables: Record<string, ResourceTable> = resources;

/** Runs the chosen operation once per input item; each result is paired with its item. */
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

	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const results = await operation.execute.call(this, itemIndex);
			for (const result of results) returnData.push({ ...result, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (this.continueOnFail()) {
				const description = (error as NodeApiError).description;
				returnData.push({
					json: {
						error: redactSecrets(String((error as Error).message ?? error)),
						...(description ? { description: redactSecrets(String(description)) } : {}),
						...((error as NodeApiError).httpCode
							? { httpCode: (error as NodeApiError).httpCode }
							: {}),
					},
					pairedItem: { item: itemIndex },
				});
				continue;
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
	}
	return [returnData];
}
