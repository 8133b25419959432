// The explorer's assets and uPlot's files are bundled as text modules (wrangler `rules`).
declare module "*/assets/site.css" {
  const text: string;
  export default text;
}
declare module "*/assets/cpv-picker.js" {
  const text: string;
  export default text;
}
declare module "*/assets/charts.js" {
  const text: string;
  export default text;
}
declare module "*/uplot/dist/uPlot.iife.min.js" {
  const text: string;
  export default text;
}
declare module "*/uplot/dist/uPlot.min.css" {
  const text: string;
  export default text;
}
