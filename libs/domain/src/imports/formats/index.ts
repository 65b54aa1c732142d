export * from './person-draft';
export { classifyUrl, LINK_KINDS, type LinkKind } from './link-kind';
export { parseConnectedOn, parseLinkedInConnections } from './linkedin-connections';
export { parseVCards, serializeVCards, type VCardPerson, type VCardVersion } from './vcard';
