// Browser test: a tab of an older build meets an updated server. The page's matchmaking call is
// rewritten in flight to carry another wire version (what a tab left open across a deploy
// sends); the page must say the server was updated and offer a Reload button that reloads it.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { skipBrowserSuite, startBrowserRig, waitForValue, type BrowserRig } from "./helpers/browser.js";

describe.skipIf(skipBrowserSuite("browser version test"))("browser: another build of the game", () => {
  let rig: BrowserRig;

  beforeAll(async () => {
    rig = await startBrowserRig();
  });

  afterAll(async () => {
    await rig?.close();
  });

  it("says the server was updated and reloads the page from its Reload button", async () => {
    const page = await rig.openPage("old", "/");
    let rewritten = 0;
    await page.route("**/matchmake/**", async (route) => {
      const body = JSON.parse(route.request().postData() ?? "{}") as Record<string, unknown>;
      if (typeof body.version === "string") {
        body.version = "0.00000000.00000000";
        rewritten++;
      }
      await route.continue({ postData: JSON.stringify(body) });
    });
    await page.fill("[data-testid=name]", "Oldie");
    await page.click("[data-testid=quick-play]");
    const dialog = await waitForValue("the update dialog", () => page.textContent("[data-testid=dialog]"), (t) => /server was updated/i.test(t ?? ""), 15_000);
    expect(dialog).toMatch(/reload the page/i);
    expect(rewritten).toBeGreaterThan(0);

    const reloaded = page.waitForEvent("load");
    await page.click("[data-testid=dialog] button:text-is(\"Reload\")");
    await reloaded;
    expect(await page.isVisible("[data-testid=start-screen]")).toBe(true);
  }, 60_000);
});
