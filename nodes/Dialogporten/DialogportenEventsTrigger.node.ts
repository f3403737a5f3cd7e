import type { INodeTypeDescription } from 'n8n-workflow';
import { DialogportenTrigger } from './DialogportenTrigger.node';

/**
 * The Dialogporten Trigger under its first type name, kept so that saved workflows go on running.
 * Hidden from the node creator: new workflows get the Dialogporten Trigger.
 */
export class DialogportenEventsTrigger extends DialogportenTrigger {
	description: INodeTypeDescription = {
		...new DialogportenTrigger().description,
		displayName: 'Dialogporten Events Trigger',
		name: 'dialogportenEventsTrigger',
		hidden: true,
		defaults: { name: 'Dialogporten Events Trigger' },
	};
}
