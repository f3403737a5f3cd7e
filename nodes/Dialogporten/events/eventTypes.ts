import type { INodePropertyOptions } from 'n8n-workflow';

/** Event type sent by Altinn Events to validate a new subscription's endpoint. */
export const VALIDATION_EVENT_TYPE = 'platform.events.validatesubscription';

/** Selecting this value means every Dialogporten event type. */
export const ALL_EVENT_TYPES = '*';

export const EVENT_TYPE_PREFIX = 'dialogporten.';

/**
 * Events only a service owner causes: a workflow that reads, opens or confirms the dialogs it is
 * told about never causes them, so a trigger watching them cannot start itself again.
 */
export const LOOP_FREE_EVENT_TYPES = [
	'dialogporten.dialog.created.v1',
	'dialogporten.dialog.transmission.created.v1',
] as const;

/** Dialog-level event types published by Dialogporten (CloudEventTypes.cs). */
export const DIALOG_EVENT_TYPES: ReadonlyArray<{
	type: string;
	name: string;
	description: string;
}> = [
	{
		type: 'dialogporten.dialog.created.v1',
		name: 'Dialog Created',
		description: 'A dialog was created',
	},
	{
		type: 'dialogporten.dialog.updated.v1',
		name: 'Dialog Updated',
		description:
			'Any change to the dialog, also sent together with activity and transmission events',
	},
	{
		type: 'dialogporten.dialog.deleted.v1',
		name: 'Dialog Deleted',
		description: 'A dialog was deleted',
	},
	{
		type: 'dialogporten.dialog.restored.v1',
		name: 'Dialog Restored',
		description: 'A deleted dialog was restored',
	},
	{
		type: 'dialogporten.dialog.seen.v1',
		name: 'Dialog Seen',
		description: 'An end user opened the dialog details',
	},
	{
		type: 'dialogporten.dialog.transmission.created.v1',
		name: 'Transmission Created',
		description: 'A transmission was added to the dialog',
	},
];

/**
 * One activity event type per DialogActivityType value (CloudEventTypes.cs); all share the
 * `dialogporten.dialog.activity.` prefix. The slugs are Dialogporten's, including the irregular
 * ones (DialogCreated → `created`, DialogOpened → `dialog-opened`).
 */
export const ACTIVITY_TYPES: ReadonlyArray<{ activityType: string; slug: string; name: string }> = [
	{ activityType: 'DialogCreated', slug: 'created', name: 'Dialog Created' },
	{ activityType: 'DialogClosed', slug: 'closed', name: 'Dialog Closed' },
	{ activityType: 'Information', slug: 'information', name: 'Information' },
	{ activityType: 'TransmissionOpened', slug: 'transmission-opened', name: 'Transmission Opened' },
	{ activityType: 'PaymentMade', slug: 'payment-made', name: 'Payment Made' },
	{ activityType: 'SignatureProvided', slug: 'signature-provided', name: 'Signature Provided' },
	{ activityType: 'DialogOpened', slug: 'dialog-opened', name: 'Dialog Opened' },
	{ activityType: 'DialogDeleted', slug: 'dialog-deleted', name: 'Dialog Deleted' },
	{ activityType: 'DialogRestored', slug: 'dialog-restored', name: 'Dialog Restored' },
	{ activityType: 'SentToSigning', slug: 'sent-to-signing', name: 'Sent to Signing' },
	{ activityType: 'SentToFormFill', slug: 'sent-to-form-fill', name: 'Sent to Form Fill' },
	{ activityType: 'SentToSendIn', slug: 'sent-to-send-in', name: 'Sent to Send In' },
	{ activityType: 'SentToPayment', slug: 'sent-to-payment', name: 'Sent to Payment' },
	{ activityType: 'FormSubmitted', slug: 'form-submitted', name: 'Form Submitted' },
	{ activityType: 'FormSaved', slug: 'form-saved', name: 'Form Saved' },
	{
		activityType: 'CorrespondenceOpened',
		slug: 'correspondence-opened',
		name: 'Correspondence Opened',
	},
	{
		activityType: 'CorrespondenceConfirmed',
		slug: 'correspondence-confirmed',
		name: 'Correspondence Confirmed',
	},
];

export const ACTIVITY_EVENT_TYPES: readonly string[] = ACTIVITY_TYPES.map(
	(a) => `dialogporten.dialog.activity.${a.slug}.v1`,
);

export const ALL_DIALOGPORTEN_EVENT_TYPES: readonly string[] = [
	...DIALOG_EVENT_TYPES.map((t) => t.type),
	...ACTIVITY_EVENT_TYPES,
];

// `action` is how n8n's node creator lists each choice under the node's Triggers.
export const eventTypeOptions: INodePropertyOptions[] = [
	{
		name: 'All Dialogporten Events',
		value: ALL_EVENT_TYPES,
		description: 'Every dialogporten.* event type',
		action: 'On any Dialogporten event',
	},
	...DIALOG_EVENT_TYPES.map((t) => ({
		name: t.name,
		value: t.type,
		description: t.description,
		action: `On ${t.name.toLowerCase()}`,
	})),
	...ACTIVITY_TYPES.map((a) => ({
		name: `Activity: ${a.name}`,
		value: `dialogporten.dialog.activity.${a.slug}.v1`,
		description: `An activity of type ${a.activityType} was added to the dialog`,
		action: `On activity: ${a.name.toLowerCase()}`,
	})),
];

/**
 * The user's selection as a set of exact types, or `'all'`. An empty selection counts as all,
 * so a node never ends up listening for nothing.
 */
export function selectedEventTypes(value: unknown): 'all' | string[] {
	const list = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
	if (list.length === 0 || list.includes(ALL_EVENT_TYPES)) return 'all';
	return [...new Set(list)].sort();
}

export function isSelectedType(selection: 'all' | string[], type: string): boolean {
	if (selection === 'all') return type.startsWith(EVENT_TYPE_PREFIX);
	return selection.includes(type);
}
