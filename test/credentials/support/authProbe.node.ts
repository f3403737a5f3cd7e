/**
 * A node that does what the package's nodes do with authentication and nothing else: for each item
 * it reads the credential's endpoints and sends one request through `authenticatedRequest`.
 */
import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IDataObject,
} from 'n8n-workflow';
import {
	authenticatedRequest,
	readAltinnCredential,
	type AltinnCredentialType,
} from '../../../nodes/Dialogporten/auth';

export class AuthProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Auth Probe',
		name: 'authProbe',
		group: ['transform'],
		version: 1,
		description: 'Sends one authenticated request per item',
		defaults: { name: 'Auth Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'maskinportenApi',
				required: true,
				displayOptions: { show: { authentication: ['maskinportenApi'] } },
			},
			{
				name: 'idPortenOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['idPortenOAuth2Api'] } },
			},
		],
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'Maskinporten', value: 'maskinportenApi' },
					{ name: 'ID-porten', value: 'idPortenOAuth2Api' },
				],
				default: 'maskinportenApi',
			},
			{
				displayName: 'Base',
				name: 'base',
				type: 'options',
				options: [
					{ name: 'Dialogporten', value: 'dialogporten' },
					{ name: 'Platform', value: 'platform' },
					{ name: 'Events', value: 'events' },
				],
				default: 'dialogporten',
			},
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				default: '/api/v1/serviceowner/dialogs',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const type = this.getNodeParameter('authentication', i) as AltinnCredentialType;
			const base = this.getNodeParameter('base', i) as 'dialogporten' | 'platform' | 'events';
			const path = this.getNodeParameter('path', i) as string;
			const { endpoints } = await readAltinnCredential.call(this, type, i);
			const response = (await authenticatedRequest.call(
				this,
				type,
				{ method: 'GET', url: `${endpoints[base]}${path}`, json: true },
				i,
			)) as IDataObject;
			out.push({ json: { response }, pairedItem: { item: i } });
		}
		return [out];
	}
}
