import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { describeAction } from '../../helpers/actions';
import type { ApiAction, GuiAction } from '../../helpers/interfaces';
import { fetchDialog, getApi, getDialogId, getSimplifyOptions, toItems } from '../../helpers/utils';
import { dialogRLC, languageOptions } from '../common.descriptions';
import type { OperationResult } from '../node.type';

export const properties: INodeProperties[] = [
	dialogRLC,
	{
		displayName: 'Action Types',
		name: 'actionTypes',
		type: 'options',
		default: 'all',
		options: [
			{ name: 'All', value: 'all' },
			{ name: 'API Actions', value: 'api', description: 'Endpoints meant for systems' },
			{ name: 'GUI Actions', value: 'gui', description: 'Buttons meant for a browser' },
		],
	},
	{
		displayName: 'Output Language',
		name: 'outputLanguage',
		type: 'options',
		default: 'nb',
		options: languageOptions,
		description: 'Language of action titles; falls back to Norwegian Bokmål, Nynorsk, then English',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): OperationResult {
	const api = getApi.call(this, itemIndex);
	const dialogId = getDialogId.call(this, itemIndex);
	const types = this.getNodeParameter('actionTypes', itemIndex, 'all') as string;
	const { language } = getSimplifyOptions.call(this, itemIndex);
	const dialog = await fetchDialog.call(this, api, dialogId, itemIndex);
	const actions = [
		...(types === 'gui'
			? []
			: ((dialog.apiActions ?? []) as ApiAction[]).map((action) =>
					describeAction({ kind: 'api', action }, language),
				)),
		...(types === 'api'
			? []
			: ((dialog.guiActions ?? []) as GuiAction[]).map((action) =>
					describeAction({ kind: 'gui', action }, language),
				)),
	];
	return toItems(
		actions.map((action) => ({ dialogId, ...action })),
		itemIndex,
	);
}
