// Swagger UI's files are bundled as text modules (wrangler `rules`: Text for swagger-ui-dist/*.js|css).
declare module "*/swagger-ui-dist/swagger-ui.css" {
  const text: string;
  export default text;
}
declare module "*/swagger-ui-dist/swagger-ui-bundle.js" {
  const text: string;
  export default text;
}
