// Every operation of the pinned OpenAPI document is reachable from the node: one node run per
// operationId, each checked against the stand-in's own count of the operations it served.
import type { INodeParameters } from 'n8n-workflow';
import spec from '@digdir/dialogporten-schema/swagger.verified.json';

import { maskinportenCredential, SERVICE_OWNER_SCOPES } from '../../support/credentials';
import { BAKERY, NodeHarness, OLA, dialogBody, dialogLocator } from './support/harness';

interface Ids {
	dialog: string;
	activity: string;
	transmission: string;
	seenLog: string;
	other: string;
}

type Step = { who: string; parameters: (ids: Ids) => INodeParameters };

const d = (ids: Ids) => dialogLocator(ids.dialog);

// In run order: reads before the writes that change them, delete/restore/purge last.
const steps: Record<string, Step> = {
	V1WellKnownJwksGet_Jwks: {
		who: 'systemUser',
		parameters: () => ({ resource: 'metadata', operation: 'getJwks' }),
	},
	V1WellKnownOauthAuthorizationServerGet_OauthAuthorizationServer: {
		who: 'systemUser',
		parameters: () => ({ resource: 'metadata', operation: 'getAuthorizationServer' }),
	},
	V1MetadataLimitsGet_Limits: {
		who: 'serviceOwner',
		parameters: () => ({ resource: 'metadata', operation: 'getLimits' }),
	},
	V1MetadataServiceResourcesGet_ServiceResourceMetadata: {
		who: 'serviceOwner',
		parameters: () => ({ resource: 'metadata', operation: 'getServiceResources' }),
	},
	V1EndUserAccessManagementQueriesGetParties_Parties: {
		who: 'systemUser',
		parameters: () => ({ resource: 'party', operation: 'getMany' }),
	},
	V1EndUserServiceResourcesSearch_AuthorizedServiceResources: {
		who: 'systemUser',
		parameters: () => ({ resource: 'serviceResource', operation: 'getMany' }),
	},
	V1EndUserDialogsQueriesSearch_Dialog: {
		who: 'systemUser',
		parameters: () => ({ resource: 'dialog', operation: 'search', limit: 1 }),
	},
	V1EndUserDialogsQueriesGet_Dialog: {
		who: 'systemUser',
		parameters: (ids) => ({ resource: 'dialog', operation: 'get', dialogId: d(ids) }),
	},
	V1EndUserDialogLookupQueriesGet_DialogLookup: {
		who: 'systemUser',
		parameters: (ids) => ({
			resource: 'dialog',
			operation: 'lookup',
			instanceRef: `urn:altinn:dialog-id:${ids.dialog}`,
		}),
	},
	V1EndUserDialogsQueriesSearchActivities_DialogActivity: {
		who: 'systemUser',
		parameters: (ids) => ({ resource: 'activity', operation: 'getMany', dialogId: d(ids) }),
	},
	V1EndUserDialogsQueriesGetActivity_DialogActivity: {
		who: 'systemUser',
		parameters: (ids) => ({
			resource: 'activity',
			operation: 'get',
			dialogId: d(ids),
			activityId: ids.activity,
		}),
	},
	V1EndUserDialogsQueriesSearchTransmissions_DialogTransmission: {
		who: 'systemUser',
		parameters: (ids) => ({ resource: 'transmission', operation: 'getMany', dialogId: d(ids) }),
	},
	V1EndUserDialogsQueriesGetTransmission_DialogTransmission: {
		who: 'systemUser',
		parameters: (ids) => ({
			resource: 'transmission',
			operation: 'get',
			dialogId: d(ids),
			transmissionId: ids.transmission,
		}),
	},
	V1EndUserDialogsQueriesSearchSeenLogs_DialogSeenLog: {
		who: 'systemUser',
		parameters: (ids) => ({ resource: 'seenLog', operation: 'getMany', dialogId: d(ids) }),
	},
	V1EndUserDialogsQueriesGetSeenLog_DialogSeenLog: {
		who: 'systemUser',
		parameters: (ids) => ({
			resource: 'seenLog',
			operation: 'get',
			dialogId: d(ids),
			seenLogId: ids.seenLog,
		}),
	},
	V1EndUserEndUserContextCommandsSetSystemLabel_SetDialogSystemLabels: {
		who: 'systemUser',
		parameters: (ids) => ({
			resource: 'label',
			operation: 'setSystemLabels',
			dialogId: d(ids),
			addLabels: ['Archive'],
		}),
	},
	V1EndUserEndUserContextCommandsBulkSetSystemLabels_BulkSetDialogSystemLabels: {
		who: 'systemUser',
		parameters: (ids) => ({
			resource: 'label',
			operation: 'bulkSetSystemLabels',
			dialogs: ids.dialog,
			removeLabels: ['Archive'],
		}),
	},
	V1EndUserEndUserContextQueriesSearchLabelAssignmentLogs_DialogLabelAssignmentLog: {
		who: 'systemUser',
		parameters: (ids) => ({ resource: 'label', operation: 'getLabelLog', dialogId: d(ids) }),
	},
	V1ServiceOwnerDialogsQueriesSearch_Dialog: {
		who: 'serviceOwner',
		parameters: () => ({ resource: 'dialog', operation: 'search', limit: 1 }),
	},
	V1ServiceOwnerDialogsQueriesGet_Dialog: {
		who: 'serviceOwner',
		parameters: (ids) => ({ resource: 'dialog', operation: 'get', dialogId: d(ids) }),
	},
	V1ServiceOwnerDialogLookupQueriesGet_DialogLookup: {
		who: 'serviceOwner',
		parameters: (ids) => ({
			resource: 'dialog',
			operation: 'lookup',
			instanceRef: `urn:altinn:dialog-id:${ids.dialog}`,
		}),
	},
	V1ServiceOwnerDialogsQueriesNotificationCondition_NotificationCondition: {
		who: 'serviceOwner',
		parameters: (ids) => ({
			resource: 'dialog',
			operation: 'shouldSendNotification',
			dialogId: d(ids),
			conditionType: 'Exists',
			activityType: 'Information',
		}),
	},
	V1ServiceOwnerDialogsQueriesSearchActivities_DialogActivity: {
		who: 'serviceOwner',
		parameters: (ids) => ({ resource: 'activity', operation: 'getMany', dialogId: d(ids) }),
	},
	V1ServiceOwnerDialogsQueriesGetActivity_DialogActivity: {
		who: 'serviceOwner',
		parameters: (ids) => ({
			resource: 'activity',
			operation: 'get',
			dialogId: d(ids),
			activityId: ids.activity,
		}),
	},
	V1ServiceOwnerDialogsCommandsCreateActivity_DialogActivity: {
		who: 'serviceOwner',
		parameters: (ids) => ({
			resource: 'activity',
			operation: 'create',
			dialogId: d(ids),
			activityType: 'Information',
			description: 'x',
		}),
	},
	V1ServiceOwnerDialogsQueriesSearchTransmissions_DialogTransmission: {
		who: 'serviceOwner',
		parameters: (ids) => ({ resource: 'transmission', operation: 'getMany', dialogId: d(ids) }),
	},
	V1ServiceOwnerDialogsQueriesGetTransmission_DialogTransmission: {
		who: 'serviceOwner',
		parameters: (ids) => ({
			resource: 'transmission',
			operation: 'get',
			dialogId: d(ids),
			transmissionId: ids.transmission,
		}),
	},
	V1ServiceOwnerDialogsCommandsCreateTransmission_DialogTransmission: {
		who: 'serviceOwner',
		parameters: (ids) => ({
			resource: 'transmission',
			operation: 'create',
			dialogId: d(ids),
			title: 'Ny melding',
		}),
	},
	V1ServiceOwnerDialogsCommandsUpdateTransmission_DialogTransmission: {
		who: 'transmissionEditor',
		parameters: (ids) => ({
			resource: 'transmission',
			operation: 'update',
			dialogId: d(ids),
			transmissionId: ids.transmission,
			title: 'Rettet',
		}),
	},
	V1ServiceOwnerDialogsQueriesSearchSeenLogs_DialogSeenLog: {
		who: 'serviceOwner',
		parameters: (ids) => ({ resource: 'seenLog', operation: 'getMany', dialogId: d(ids) }),
	},
	V1ServiceOwnerDialogsQueriesGetSeenLog_DialogSeenLog: {
		who: 'serviceOwner',
		parameters: (ids) => ({
			resource: 'seenLog',
			operation: 'get',
			dialogId: d(ids),
			seenLogId: ids.seenLog,
		}),
	},
	V1ServiceOwnerServiceOwnerContextCommandsCreateServiceOwnerLabel_ServiceOwnerLabel: {
		who: 'serviceOwner',
		parameters: (ids) => ({
			resource: 'label',
			operation: 'addServiceOwnerLabel',
			dialogId: d(ids),
			label: 'covered-label',
		}),
	},
	V1ServiceOwnerServiceOwnerContextQueriesGetServiceOwnerLabel_ServiceOwnerLabel: {
		who: 'serviceOwner',
		parameters: (ids) => ({
			resource: 'label',
			operation: 'getServiceOwnerLabels',
			dialogId: d(ids),
		}),
	},
	V1ServiceOwnerServiceOwnerContextCommandsDeleteServiceOwnerLabel_ServiceOwnerLabel: {
		who: 'serviceOwner',
		parameters: (ids) => ({
			resource: 'label',
			operation: 'removeServiceOwnerLabel',
			dialogId: d(ids),
			label: 'covered-label',
		}),
	},
	V1ServiceOwnerEndUserContextCommandsSetSystemLabel_SetDialogSystemLabels: {
		who: 'serviceOwner',
		parameters: (ids) => ({
			resource: 'label',
			operation: 'setSystemLabels',
			dialogId: d(ids),
			enduserId: OLA,
			addLabels: ['Bin'],
		}),
	},
	V1ServiceOwnerEndUserContextCommandsBulkSetSystemLabels_BulkSetDialogSystemLabels: {
		who: 'serviceOwner',
		parameters: (ids) => ({
			resource: 'label',
			operation: 'bulkSetSystemLabels',
			dialogs: ids.dialog,
			enduserId: OLA,
			removeLabels: ['Bin'],
		}),
	},
	V1ServiceOwnerDialogsQueriesSearchEndUserContext_DialogEndUserContext: {
		who: 'serviceOwner',
		parameters: () => ({
			resource: 'label',
			operation: 'searchEndUserContexts',
			parties: BAKERY,
			limit: 5,
		}),
	},
	V1ServiceOwnerDialogsCommandsCreate_Dialog: {
		who: 'serviceOwner',
		parameters: () => ({
			resource: 'dialog',
			operation: 'create',
			specifyBody: 'json',
			dialogJson: JSON.stringify(dialogBody()),
		}),
	},
	V1ServiceOwnerDialogsCommandsUpdate_Dialog: {
		who: 'serviceOwner',
		parameters: (ids) => ({
			resource: 'dialog',
			operation: 'update',
			dialogId: d(ids),
			updateFields: { status: 'Awaiting' },
		}),
	},
	V1ServiceOwnerDialogsPatchDialog: {
		who: 'serviceOwner',
		parameters: (ids) => ({
			resource: 'dialog',
			operation: 'patch',
			dialogId: d(ids),
			operations: { values: [{ op: 'replace', path: '/status', value: 'Completed' }] },
		}),
	},
	V1ServiceOwnerDialogsCommandsDelete_Dialog: {
		who: 'serviceOwner',
		parameters: (ids) => ({ resource: 'dialog', operation: 'delete', dialogId: d(ids) }),
	},
	V1ServiceOwnerDialogsCommandsRestore_Dialog: {
		who: 'serviceOwner',
		parameters: (ids) => ({ resource: 'dialog', operation: 'restore', dialogId: d(ids) }),
	},
	V1ServiceOwnerDialogsCommandsFreeze_FreezeDialog: {
		who: 'serviceOwner',
		parameters: (ids) => ({
			resource: 'dialog',
			operation: 'freeze',
			dialogId: dialogLocator(ids.other),
		}),
	},
	V1ServiceOwnerDialogsCommandsPurge_Dialog: {
		who: 'serviceOwner',
		parameters: (ids) => ({ resource: 'dialog', operation: 'purge', dialogId: d(ids) }),
	},
};

const specOperations = Object.values(
	(spec as unknown as { paths: Record<string, Record<string, { operationId: string }>> }).paths,
).flatMap((methods) => Object.values(methods).map((operation) => operation.operationId));

describe('every operation of the OpenAPI document is reachable from the node', () => {
	const h = new NodeHarness();
	const ids = {} as Ids;
	beforeAll(async () => {
		await h.start({ seedDialogs: 0 });
		ids.dialog = await h.local.dialogs.create(
			dialogBody({
				transmissions: [
					{
						type: 'Information',
						sender: { actorType: 'ServiceOwner' },
						createdAt: new Date().toISOString(),
						content: {
							title: { mediaType: 'text/plain', value: [{ languageCode: 'nb', value: 'Melding' }] },
						},
					},
				],
			}),
		);
		ids.other = await h.local.dialogs.create(dialogBody());
		const stored = h.local.dialogs.get(ids.dialog)!;
		ids.transmission = stored.details.transmissions[0].id;
		ids.activity = await h.local.dialogs.addActivity(ids.dialog, 'Information', 'Registrert');
		h.addCredential(
			'maskinportenApi',
			maskinportenCredential(h.local, 'serviceOwner', {
				scopes: `${SERVICE_OWNER_SCOPES} digdir:dialogporten.serviceprovider.changetransmissions`,
			}),
			'transmissionEditor',
		);
		// A seen-log entry: the service owner reads the dialog on behalf of the person.
		await h.run('serviceOwner', {
			resource: 'dialog',
			operation: 'get',
			dialogId: dialogLocator(ids.dialog),
			endUserId: OLA,
		});
		ids.seenLog = String(
			(
				await h.run('serviceOwner', {
					resource: 'seenLog',
					operation: 'getMany',
					dialogId: dialogLocator(ids.dialog),
				})
			)[0].json.id,
		);
	});
	afterAll(async () => await h.stop());

	it('covers all 44 operationIds', () => {
		expect(specOperations).toHaveLength(44);
		expect(Object.keys(steps).sort()).toEqual([...specOperations].sort());
	});

	it.each(Object.entries(steps))('%s', async (operationId, step) => {
		const before = h.local.stats.operations(operationId);
		const parameters = step.parameters(ids);
		if (step.who === 'transmissionEditor')
			await h.runAs('transmissionEditor', 'serviceowner', parameters);
		else await h.run(step.who, parameters);
		expect(h.local.stats.operations(operationId)).toBe(before + 1);
		expect(h.violations()).toEqual([]);
	});
});
