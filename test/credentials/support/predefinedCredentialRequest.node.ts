/**
 * What n8n's HTTP Request node (V3, n8n 2.41) does with a predefined credential type and nothing
 * else: it builds one legacy request per item, sends all of them at once through
 * `helpers.requestWithAuthentication` (which renews the credential through preAuthentication after
 * any failed request, not only a 401, and retries once), and with "continue on error" turns a
 * failure into an `{ error }` item.
 */
import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

export class PredefinedCredentialRequest implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Predefined Credential Request',
		name: 'predefinedCredentialRequest',
		group: ['transform'],
		version: 1,
		description: "The HTTP Request node's use of a predefined credential type",
		defaults: { name: 'HTTP Request' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'maskinportenApi', required: true }],
		properties: [
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{
				displayName: 'Credential Type',
				name: 'nodeCredentialType',
				type: 'string',
				default: 'maskinportenApi',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const type = this.getNodeParameter('nodeCredentialType', 0) as string;
		const requests = items.map(async (_, itemIndex) => {
			const uri = this.getNodeParameter('url', itemIndex) as string;
			return await this.helpers.requestWithAuthentication.call(
				this,
				type,
				{ method: 'GET', uri, json: true, headers: {} },
				undefined,
				itemIndex,
			);
		});
		const settled = await Promise.allSettled(requests);
		return [
			settled.map((result, itemIndex) => {
				if (result.status === 'fulfilled')
					return { json: result.value as INodeExecutionData['json'], pairedItem: itemIndex };
				if (!this.continueOnFail()) throw result.reason;
				const reason = result.reason as { message?: string; httpCode?: string };
				return {
					json: { error: { message: reason.message, httpCode: reason.httpCode } },
					pairedItem: itemIndex,
				};
			}),
		];
	}
}
