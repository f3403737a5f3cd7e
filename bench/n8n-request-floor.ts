// The least any n8n node can spend on a per-item GET: one parameter read per item (an expression,
// as the Dialogporten node's dialog ID is in the bench) and n8n's own request helper, with a bearer
// token fixed in advance. No credential, no retries, no error mapping. The per-item bench runs it
// beside the Dialogporten node, so that the node's own cost is told apart from n8n's.
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

export class N8nRequestFloor implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'n8n Request Floor',
		name: 'n8nRequestFloor',
		group: ['transform'],
		version: 1,
		description: 'One GET per item through n8n’s request helper',
		defaults: { name: 'n8n Request Floor' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{
				displayName: 'Token',
				name: 'token',
				type: 'string',
				typeOptions: { password: true },
				default: '',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const url = this.getNodeParameter('url', i) as string;
			const token = this.getNodeParameter('token', i) as string;
			const body = await this.helpers.httpRequest({
				method: 'GET',
				url,
				headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
				json: true,
			});
			out.push({ json: body, pairedItem: { item: i } });
		}
		return [out];
	}
}
