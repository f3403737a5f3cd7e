import type { IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { getApi } from '../helpers/utils';
import { nodeCredentialType, redactSecrets } from '../transport';
import type { DialogportenOperation } from './node.type';
import * as action from './action/Action.resource';
import * as activity from './activity/Activity.resource';
import * as dialog from './dialog/Dialog.resource';
import * as label from './label/Label.resource';
import * as metadata from './metadata/Metadata.resource';
import * as party from './party/Party.resource';
import * as seenLog from './seenLog/SeenLog.resource';
import * as serviceResource from './serviceResource/ServiceResource.resource';
import * as transmission from './transmission/Transmission.resource';

const resources: Record<string, Record<string, DialogportenOperation | unknown>> = {
	action,
	activity,
	dialog,
	label,
	metadata,
	party,
	seenLog,
	serviceResource,
	transmission,
};

function isOperation(value: unknown): value is DialogportenOperation {
	return Boolean(
		value &&
		typeof value === 'object' &&
		typeof (value as DialogportenOperation).execute === 'function',
	);
}

/** Runs the chosen operation once per input item; each result is paired with its item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const api = getApi(this);
	const operation = resources[resource]?.[operationName];
	if (!isOperation(operation) || (operation.apis && !operation.apis.includes(api))) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of "${resource}" is not available in the ${api === 'serviceowner' ? 'service owner' : 'end user'} API`,
		);
	}

	if (
		api === 'serviceowner' &&
		resource !== 'metadata' &&
		nodeCredentialType(this) === 'idPortenOAuth2Api'
	) {
		throw new NodeOperationError(
			this.getNode(),
			'The service owner API accepts only Maskinporten tokens: set Authentication to Maskinporten and choose a credential with the client or supplier grant',
		);
	}

	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const results = await operation.execute.call(this, itemIndex, api);
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
