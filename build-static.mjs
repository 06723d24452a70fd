// Copies the design system's CSS from node_modules into static/vendor/, where Django's staticfiles
// finds it (STATICFILES_DIRS). Run by `npm run build` (`make static`, the Dockerfile) after `npm ci`.
//
// One stylesheet: the Helsinki Design System's tokens and base (hds-core/lib/base.css) and only
// the components the public site uses, minified as the package ships them. No fonts: Helsinki
// Grotesk is licensed to the City of Helsinki only and is not in the package; static/css/site.css
// sets a system font stack in its place.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";

const CORE = "node_modules/hds-core";
const COMPONENTS = ["container", "button", "link", "card", "notification", "breadcrumb", "koros"];
const OUT = "static/vendor/hds";

const version = JSON.parse(readFileSync(`${CORE}/package.json`, "utf8")).version;
const parts = [`${CORE}/lib/base.min.css`, ...COMPONENTS.map((name) => `${CORE}/lib/components/${name}/${name}.min.css`)];
// sourceMappingURL comments point at maps that are not copied; the browser would ask for them.
const css = parts.map((path) => readFileSync(path, "utf8").replace(/\/\*# sourceMappingURL=.*?\*\//g, "").trim());

mkdirSync(OUT, { recursive: true });
writeFileSync(`${OUT}/hds.css`, `/*! hds-core ${version} (MIT) – ${COMPONENTS.join(", ")} */\n${css.join("\n")}\n`);
copyFileSync(`${CORE}/LICENSE`, `${OUT}/LICENSE`);
console.log(`${OUT}/hds.css: hds-core ${version}, base and ${COMPONENTS.length} components`);
