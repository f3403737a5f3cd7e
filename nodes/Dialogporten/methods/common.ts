import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AnyDialog } from '../helpers/interfaces';
import type { OutputLanguage } from '../helpers/simplify';
import { fetchDialog, getApi } from '../helpers/utils';

const UUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

/** A parameter as currently set in the editor, else as saved on the node. */
export function currentParameter(context: ILoadOptionsFunctions, name: string): unknown {
	let raw: unknown;
	try {
		raw = context.getCurrentNodeParameter(name);
	} catch {
		raw = undefined;
	}
	return raw === undefined ? context.getNodeParameter(name, '') : raw;
}

/** The dialog ID currently set in the node (any resource locator mode), or undefined. */
export function currentDialogId(context: ILoadOptionsFunctions): string | undefined {
	const raw = currentParameter(context, 'dialogId');
	const value = raw && typeof raw === 'object' ? (raw as IDataObject).value : raw;
	const match = UUID.exec(String(value ?? ''));
	return match ? match[1].toLowerCase() : undefined;
}

export async function currentDialog(context: ILoadOptionsFunctions): Promise<AnyDialog> {
	const dialogId = currentDialogId(context);
	if (!dialogId) {
		throw new NodeOperationError(context.getNode(), 'Choose a dialog first', {
			description: 'The list depends on the dialog; pick one above (or enter its ID).',
		});
	}
	return await fetchDialog(context, getApi(context), dialogId);
}

export function currentLanguage(context: ILoadOptionsFunctions): OutputLanguage {
	const value = String(currentParameter(context, 'outputLanguage') || 'nb');
	return value === 'en' || value === 'nn' ? value : 'nb';
}
