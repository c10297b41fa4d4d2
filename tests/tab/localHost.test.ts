/** Local mode: identity and theme come from the address so tests and demos can choose them. */
import { createLocalHost, initialTheme } from "../../tab/src/teams/localHost";
import { HostAuthError, parseSubPageId, toLocale, toThemeName } from "../../tab/src/teams/host";

const host = (query: string, users: { userId: string }[] = [{ userId: "first" }, { userId: "second" }]) => {
  const listDevUsers = jest.fn(async () => users);
  return { host: createLocalHost({ search: new URLSearchParams(query), listDevUsers }), listDevUsers };
};

describe("local host", () => {
  it("sends ?devUser= as X-Dev-User without asking the server", async () => {
    const { host: h, listDevUsers } = host("?devUser=second");
    await expect(h.getAuthHeaders()).resolves.toEqual({ "X-Dev-User": "second" });
    expect(h.devUserId).toBe("second");
    expect(h.inTeams).toBe(false);
    expect(listDevUsers).not.toHaveBeenCalled();
  });

  it("acts as the first demo person when none is chosen, asking only once", async () => {
    const { host: h, listDevUsers } = host("");
    await expect(h.getAuthHeaders()).resolves.toEqual({ "X-Dev-User": "first" });
    await h.getAuthHeaders();
    expect(listDevUsers).toHaveBeenCalledTimes(1);
    expect(h.devUserId).toBeUndefined();
  });

  it("says what to do when the server has no demo people", async () => {
    const { host: h } = host("", []);
    await expect(h.getAuthHeaders()).rejects.toBeInstanceOf(HostAuthError);
  });

  it("takes theme, locale and a deep-linked item from the address", () => {
    const { host: h } = host("?theme=contrast&locale=de-de&item=art-7");
    expect(h.theme).toBe("contrast");
    expect(h.locale).toBe("de-DE");
    expect(h.deepLink).toEqual({ itemId: "art-7" });
    expect(host("?community=com-1&item=art-7").host.deepLink).toEqual({ itemId: "art-7", communityId: "com-1" });
    expect(initialTheme(new URLSearchParams("?theme=dark"))).toBe("dark");
  });

  it("falls back to the default theme for names it does not know", () => {
    expect(toThemeName("glass")).toBeUndefined();
    expect(host("?theme=glass").host.theme).toBe("default");
    expect(toLocale("not a locale!")).toBeUndefined();
  });

  it("reads Teams deep links in the server's artifact:<community>:<item> form, and bare ids", () => {
    expect(parseSubPageId("artifact:com-demo:art-demo-16")).toEqual({ communityId: "com-demo", itemId: "art-demo-16" });
    // Teams team ids contain ":"; item ids never do.
    expect(parseSubPageId("artifact:19:abc@thread.skype:art-1")).toEqual({ communityId: "19:abc@thread.skype", itemId: "art-1" });
    expect(parseSubPageId("art-demo-16")).toEqual({ itemId: "art-demo-16" });
    expect(parseSubPageId("artifact:only-one")).toBeUndefined();
    expect(parseSubPageId("<script>")).toBeUndefined();
    expect(parseSubPageId("")).toBeUndefined();
    expect(parseSubPageId(undefined)).toBeUndefined();
  });
});
