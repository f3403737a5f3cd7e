import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { InputValidator } from '../../helpers/validation';

import type { Actor, DialogportenApi, SystemLabel } from '../../helpers/interfaces';
import { validator } from '../../helpers/utils';
import { SYSTEM_LABELS } from '../../helpers/validation';
import { actorOf } from '../actor';
import { systemLabelOptions } from '../common.descriptions';
import { actorFields } from '../write.descriptions';

export const labelChangeFields: INodeProperties[] = [
	{
		displayName: 'Add Labels',
		name: 'addLabels',
		type: 'multiOptions',
		default: [],
		options: systemLabelOptions,
		description:
			'Labels to add. Default (inbox), Archive and Bin exclude each other; adding one replaces the others.',
	},
	{
		displayName: 'Remove Labels',
		name: 'removeLabels',
		type: 'multiOptions',
		default: [],
		options: systemLabelOptions,
		description:
			'Labels to remove; removing Archive or Bin puts the dialog back in the inbox (Default)',
	},
];

/** Service owners set end-user labels on behalf of a person, or as an admin integration with performedBy. */
export const serviceOwnerOnBehalfFields: INodeProperties[] = [
	{
		displayName: 'End User ID',
		name: 'enduserId',
		type: 'string',
		default: '',
		placeholder: 'e.g. urn:altinn:person:identifier-no:01125512345',
		description:
			'The person whose labels are changed. Leave empty for admin integrations, which then give Performed By.',
		displayOptions: { show: { '/api': ['serviceowner'] } },
	},
	{
		displayName: 'Set Performed By',
		name: 'setPerformedBy',
		type: 'boolean',
		default: false,
		description:
			'Whether to record who made the change (only for admin integrations, without End User ID)',
		displayOptions: { show: { '/api': ['serviceowner'], enduserId: [''] } },
	},
	...actorFields('performedBy', 'Performed By', {
		'/api': ['serviceowner'],
		setPerformedBy: [true],
	}),
];

export function labelChanges(
	this: IExecuteFunctions,
	itemIndex: number,
): { addLabels?: SystemLabel[]; removeLabels?: SystemLabel[] } {
	const check: InputValidator = validator.call(this, itemIndex);
	const addLabels = check.manyOf(
		this.getNodeParameter('addLabels', itemIndex, []),
		SYSTEM_LABELS,
		'Add Labels',
	);
	const removeLabels = check.manyOf(
		this.getNodeParameter('removeLabels', itemIndex, []),
		SYSTEM_LABELS,
		'Remove Labels',
	);
	if (addLabels.length === 0 && removeLabels.length === 0)
		check.fail('Choose at least one label to add or remove');
	return {
		...(addLabels.length ? { addLabels } : {}),
		...(removeLabels.length ? { removeLabels } : {}),
	};
}

/** The `enduserId` query and `performedBy` body part of the service-owner label endpoints. */
export function onBehalfOf(
	this: IExecuteFunctions,
	itemIndex: number,
	api: DialogportenApi,
): { qs: IDataObject; performedBy?: Actor } {
	if (api !== 'serviceowner') return { qs: {} };
	const check: InputValidator = validator.call(this, itemIndex);
	const enduserId = String(this.getNodeParameter('enduserId', itemIndex, '')).trim();
	if (enduserId) return { qs: { enduserId: check.party(enduserId, 'End User ID') } };
	if (!this.getNodeParameter('setPerformedBy', itemIndex, false)) return { qs: {} };
	return { qs: {}, performedBy: actorOf.call(this, itemIndex, 'performedBy', check) };
}

/** The Label field of the service owner label operations. */
export function serviceOwnerLabelField(description: string, placeholder?: string): INodeProperties {
	return {
		displayName: 'Label',
		name: 'label',
		type: 'string',
		default: '',
		required: true,
		...(placeholder ? { placeholder } : {}),
		description,
	};
}

/** The Label field's value, which is required. */
export function serviceOwnerLabelOf(this: IExecuteFunctions, itemIndex: number): string {
	const value = String(this.getNodeParameter('label', itemIndex, '')).trim();
	if (!value) validator.call(this, itemIndex).fail('Label is required');
	return value;
}
