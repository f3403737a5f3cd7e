import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';
import { credentialTest } from './methods';
import { pollingTriggerProperties } from './triggers/polling/description';
import { readPollingParameters } from './triggers/polling/parameters';
import { pollDialogSearch } from './triggers/polling/sources/dialogSearch';
import { pollEvents } from './triggers/polling/sources/events';

export class DialogportenPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dialogporten Polling Trigger',
		name: 'dialogportenPollingTrigger',
		icon: { light: 'file:dialogportenPolling.svg', dark: 'file:dialogportenPolling.dark.svg' },
		group: ['trigger'],
		// Version 2: event types that the workflow's own reads cannot cause by default.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["source"] === "dialogSearch" ? "Dialog Search" : "Altinn Events"}}',
		description:
			'Starts the workflow for new Dialogporten events, checking at an interval (no public URL needed)',
		defaults: { name: 'Dialogporten Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'maskinportenApi', required: true, testedBy: 'maskinportenApiTest' }],
		properties: pollingTriggerProperties,
	};

	methods = { credentialTest };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const parameters = readPollingParameters.call(this);
		if (parameters.source === 'dialogSearch') return await pollDialogSearch.call(this, parameters);
		return await pollEvents.call(this, parameters);
	}
}
