import type { components, operations } from './dialogportenApi.generated';

export type Schemas = components['schemas'];

/** The two Dialogporten APIs a node instance talks to; the metadata endpoints are shared by both. */
export type DialogportenApi = 'enduser' | 'serviceowner';

export type DialogStatus = Schemas['DialogsEntities_DialogStatus'];
export type DialogStatusInput = Schemas['V1ServiceOwnerCommonDialogStatuses_DialogStatusInput'];
export type SystemLabel = Schemas['DialogEndUserContextsEntities_SystemLabel'];
export type ActivityType = Schemas['DialogsEntitiesActivities_DialogActivityType'];
export type TransmissionType = Schemas['DialogsEntitiesTransmissions_DialogTransmissionType'];
export type ActorType = Schemas['Actors_ActorType'];
export type HttpVerb = Schemas['Http_HttpVerb'];
export type DeletedFilter = Schemas['V1Common_DeletedFilter'];
export type GuiActionPriority = Schemas['DialogsEntitiesActions_DialogGuiActionPriority'];
export type AttachmentConsumerType = Schemas['Attachments_AttachmentUrlConsumerType'];
export type NotificationConditionType =
	Schemas['V1ServiceOwnerDialogsQueriesNotificationCondition_NotificationConditionType'];

export type Localization = Schemas['V1CommonLocalizations_Localization'];
export type ContentValue = Schemas['V1CommonContent_ContentValue'];
export type Actor = Schemas['V1ServiceOwnerCommonActors_Actor'];
export type ProblemDetails = Schemas['ProblemDetails'];
export type JsonPatchOperation = Schemas['JsonPatchOperations_Operation'];

export type EndUserDialog = Schemas['V1EndUserDialogsQueriesGet_Dialog'];
export type ServiceOwnerDialog = Schemas['V1ServiceOwnerDialogsQueriesGet_Dialog'];
export type AnyDialog = EndUserDialog | ServiceOwnerDialog;
export type ApiAction = Schemas['V1EndUserDialogsQueriesGet_DialogApiAction'];
export type ApiActionEndpoint = Schemas['V1EndUserDialogsQueriesGet_DialogApiActionEndpoint'];
export type GuiAction = Schemas['V1EndUserDialogsQueriesGet_DialogGuiAction'];

export type CreateDialogBody = Schemas['V1ServiceOwnerDialogsCommandsCreate_Dialog'];
export type UpdateDialogBody = Schemas['V1ServiceOwnerDialogsCommandsUpdate_Dialog'];
export type CreateActivityBody =
	Schemas['V1ServiceOwnerDialogsCommandsCreateActivity_ActivityRequest'];
export type CreateTransmissionBody =
	Schemas['V1ServiceOwnerDialogsCommandsCreateTransmission_TransmissionRequest'];
export type UpdateTransmissionBody =
	Schemas['V1ServiceOwnerDialogsCommandsUpdateTransmission_TransmissionRequest'];
export type EndUserSetSystemLabelsBody =
	Schemas['V1EndUserEndUserContextCommandsSetSystemLabel_SetDialogSystemLabelRequest'];
export type ServiceOwnerSetSystemLabelsBody =
	Schemas['V1ServiceOwnerEndUserContextCommandsSetSystemLabel_SetDialogSystemLabelRequest'];
export type EndUserBulkSetBody =
	Schemas['V1EndUserEndUserContextCommandsBulkSetSystemLabels_BulkSetSystemLabel'];
export type ServiceOwnerBulkSetBody =
	Schemas['V1ServiceOwnerEndUserContextCommandsBulkSetSystemLabels_BulkSetSystemLabel'];
export type CreateServiceOwnerLabelBody =
	Schemas['V1ServiceOwnerServiceOwnerContextCommandsCreateServiceOwnerLabel_Label'];

export type AuthorizedParty = Schemas['V1AccessManagementQueriesGetParties_AuthorizedParty'];
export type PartiesResponse = Schemas['V1AccessManagementQueriesGetParties_Parties'];

export type EndUserSearchQuery = NonNullable<
	operations['V1EndUserDialogsQueriesSearch_Dialog']['parameters']['query']
>;
export type ServiceOwnerSearchQuery = NonNullable<
	operations['V1ServiceOwnerDialogsQueriesSearch_Dialog']['parameters']['query']
>;
export type EndUserContextSearchQuery = NonNullable<
	operations['V1ServiceOwnerDialogsQueriesSearchEndUserContext_DialogEndUserContext']['parameters']['query']
>;

/** The envelope of the three paginated search endpoints. */
export interface PaginatedList<T> {
	items?: T[] | null;
	hasNextPage: boolean;
	continuationToken?: string | null;
	orderBy?: string;
}
