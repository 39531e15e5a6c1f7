// opencc-js ships its dictionaries as modules of one string each ("from to|from to …") without types.
declare module "opencc-js/dict/*" {
  const text: string;
  export default text;
}
