/** Small writers shared by the eForms block modules. */
import type { Money } from "../model";

export const esc = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** `<cbc:X currencyID="NOK">123</cbc:X>`, or nothing for a null amount. */
export const amountXml = (tag: string, value: Money | null): string =>
  value ? `<${tag} currencyID="${esc(value.currencyCode)}">${value.amount}</${tag}>` : "";

/** eForms writes dates and times with their offset: `2026-06-11Z`, `22:00:00Z`. */
export const dateXml = (tag: string, instant: string): string => `<${tag}>${instant.slice(0, 10)}Z</${tag}>`;
export const timeXml = (tag: string, instant: string): string => `<${tag}>${instant.slice(11, 19)}Z</${tag}>`;

/** A node's own eForms extension block (`ext:UBLExtensions/…/efext:EformsExtension`). */
export const extensionXml = (inner: string, indent: string): string =>
  `${indent}<ext:UBLExtensions><ext:UBLExtension><ext:ExtensionContent><efext:EformsExtension>${inner}</efext:EformsExtension></ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions>`;

export const nameXml = (tag: string, text: string): string =>
  `<${tag} languageID="NOR">${esc(text)}</${tag}>`;
