/** Fixture bodies imported as text (`import xml from "….xml?raw"`, Vite's raw import). */
declare module "*.xml?raw" {
  const text: string;
  export default text;
}
