import { childIdField, type ChildCollection } from '../childList';

/** The transmissions (messages) of a dialog. */
export const transmissions: ChildCollection = { path: 'transmissions', simplify: true };

export const transmissionIdField = childIdField('transmissionId', 'Transmission ID');
