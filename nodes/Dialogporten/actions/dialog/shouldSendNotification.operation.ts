import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { InputValidator } from '../../helpers/validation';

import { dialogPath, getDialogId, toItems, validator } from '../../helpers/utils';
import { ACTIVITY_TYPES, NOTIFICATION_CONDITION_TYPES } from '../../helpers/validation';
import { apiRequest } from '../../transport';
import { activityTypeOptions, dialogRLC } from '../common.descriptions';
import type { OperationResult } from '../node.type';

export const properties: INodeProperties[] = [
	{
		displayName:
			'Internal endpoint used by Altinn Notifications; it needs the altinn:system/notifications.condition.check scope, which service owners normally do not have',
		name: 'internalNotice',
		type: 'notice',
		default: '',
	},
	dialogRLC,
	{
		displayName: 'Condition',
		name: 'conditionType',
		type: 'options',
		default: 'NotExists',
		options: [
			{ name: 'Activity Does Not Exist', value: 'NotExists' },
			{ name: 'Activity Exists', value: 'Exists' },
		],
	},
	{
		displayName: 'Activity Type',
		name: 'activityType',
		type: 'options',
		default: 'TransmissionOpened',
		options: activityTypeOptions,
	},
	{
		displayName: 'Transmission ID',
		name: 'transmissionId',
		type: 'string',
		default: '',
		description: 'Only consider activities about this transmission',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): OperationResult {
	const check: InputValidator = validator.call(this, itemIndex);
	const dialogId = getDialogId.call(this, itemIndex);
	const response = (await apiRequest.call(this, {
		api: 'serviceowner',
		method: 'GET',
		path: dialogPath('serviceowner', dialogId, '/actions/should-send-notification'),
		qs: {
			conditionType: check.oneOf(
				this.getNodeParameter('conditionType', itemIndex),
				NOTIFICATION_CONDITION_TYPES,
				'Condition',
			),
			activityType: check.oneOf(
				this.getNodeParameter('activityType', itemIndex),
				ACTIVITY_TYPES,
				'Activity Type',
			),
			transmissionId: check.optionalUuid(
				this.getNodeParameter('transmissionId', itemIndex, ''),
				'Transmission ID',
			),
		},
		itemIndex,
	})) as IDataObject;
	return toItems({ dialogId, ...response }, itemIndex);
}
