export { EFORMS_MAX_BYTES, EFORMS_MAX_DEPTH, guardEformsXml } from "./guard";
export * from "./model";
export { EFORMS_DOCUMENT_TYPES, parseCustomization, parseEformsNotice } from "./parse";
