import type { INodePropertyOptions } from 'n8n-workflow';

import { Dialogporten } from '../../../nodes/Dialogporten/Dialogporten.node';
import { DialogportenEventsTrigger } from '../../../nodes/Dialogporten/DialogportenEventsTrigger.node';
import { DialogportenTrigger } from '../../../nodes/Dialogporten/DialogportenTrigger.node';
import { DialogportenPollingTrigger } from '../../../nodes/Dialogporten/DialogportenPollingTrigger.node';
import packageJson from '../../../package.json';

const legacy = new DialogportenEventsTrigger();
const trigger = new DialogportenTrigger();

describe('Dialogporten Events Trigger, the first type name of the Dialogporten Trigger', () => {
	it('keeps its type name and is hidden from the node creator', () => {
		expect(legacy.description.name).toBe('dialogportenEventsTrigger');
		expect(legacy.description.hidden).toBe(true);
		expect(trigger.description.hidden).toBeUndefined();
		expect(packageJson.n8n.nodes).toEqual(
			expect.arrayContaining([
				'dist/nodes/Dialogporten/DialogportenTrigger.node.js',
				'dist/nodes/Dialogporten/DialogportenEventsTrigger.node.js',
			]),
		);
	});

	it('offers the same fields, webhook and credential, and runs the same code', () => {
		const { name, displayName, hidden, defaults, ...rest } = legacy.description;
		const current = trigger.description;
		expect(rest).toEqual({
			...current,
			name: undefined,
			displayName: undefined,
			hidden: undefined,
			defaults: undefined,
		});
		expect([name, displayName, hidden, defaults]).not.toEqual([
			current.name,
			current.displayName,
			current.hidden,
			current.defaults,
		]);
		expect(legacy.webhook).toBe(trigger.webhook);
		expect(legacy.execute).toBe(trigger.execute);
		expect(legacy).toBeInstanceOf(DialogportenTrigger);
		for (const [hook, method] of Object.entries(legacy.webhookMethods.default))
			expect(String(method)).toBe(
				String(trigger.webhookMethods.default[hook as keyof typeof legacy.webhookMethods.default]),
			);
	});
});

/**
 * n8n's node creator (useActionsGeneration, generateMergedNodesAndActions) lists a trigger under a
 * regular node's Triggers when the trigger's type name with "Trigger" removed is that node's, and
 * takes the trigger's choices from a field labelled Event, Events or Trigger On.
 */
describe("the Dialogporten Trigger in n8n's node creator", () => {
	const appFor = (triggerName: string) => triggerName.replace('Trigger', '');

	it('is listed under the Dialogporten node; the Polling Trigger stays a node of its own', () => {
		expect(appFor(trigger.description.name)).toBe(new Dialogporten().description.name);
		expect(appFor(new DialogportenPollingTrigger().description.name)).not.toBe('dialogporten');
	});

	it('lists every event type as a trigger action with a name a person searches for', () => {
		const field = trigger.description.properties.find((p) =>
			['event', 'events', 'trigger on'].includes(p.displayName.toLowerCase()),
		);
		expect(field?.name).toBe('eventTypes');
		const options = field!.options as INodePropertyOptions[];
		expect(options.length).toBeGreaterThan(20);
		for (const option of options) expect(option.action).toMatch(/^On [a-z]/i);
		const actions = options.map((o) => o.action);
		expect(new Set(actions).size).toBe(actions.length);
		expect(actions).toEqual(
			expect.arrayContaining(['On dialog created', 'On activity: form submitted']),
		);
	});
});
