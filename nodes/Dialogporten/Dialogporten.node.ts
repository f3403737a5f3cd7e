import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import { properties } from './actions/versionDescription';
import { credentialTest, listSearch, loadOptions } from './methods';

export class Dialogporten implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dialogporten',
		name: 'dialogporten',
		icon: { light: 'file:dialogporten.svg', dark: 'file:dialogporten.dark.svg' },
		group: ['transform'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Read and handle Altinn inbox dialogs as an end user, or create and update them as a service owner, through Digdir Dialogporten',
		defaults: { name: 'Dialogporten' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'maskinportenApi',
				required: true,
				testedBy: 'maskinportenApiTest',
				displayOptions: { show: { authentication: ['maskinportenApi'] } },
			},
			{
				name: 'idPortenOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['idPortenOAuth2Api'] } },
			},
		],
		properties,
	};

	methods = { credentialTest, listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
