/** The library's place in the address: read leniently, written canonically, shell keys left alone. */
import { NO_FILTERS, hrefFor, isFiltered, libraryItemHref, readLocation } from "../../tab/src/scenes/library/route";

describe("library address", () => {
  it("reads filters and the open item, ignoring anything malformed", () => {
    expect(readLocation("?q=feedback&type=checklist&priority=psychological-safety&author=aad-user-sam&from=2026-01-01&to=2026-02-01&due=1&sort=opened&deleted=1")).toEqual({
      filters: { q: "feedback", type: "checklist", priority: "psychological-safety", author: "aad-user-sam", from: "2026-01-01", to: "2026-02-01", due: true, sort: "opened", deleted: true },
      route: { name: "list" },
    });
    expect(readLocation("?type=poem&sort=random&from=yesterday&priority=Not%20A%20Slug&author=%3Cscript%3E")).toEqual({ filters: NO_FILTERS, route: { name: "list" } });
  });

  it("reads which view of an item is open", () => {
    expect(readLocation("?item=art-1").route).toEqual({ name: "item", id: "art-1" });
    expect(readLocation("?item=art-1&panel=edit").route).toEqual({ name: "edit", id: "art-1" });
    expect(readLocation("?item=art-1&panel=history").route).toEqual({ name: "history", id: "art-1" });
    expect(readLocation("?item=art-1&panel=history&version=2").route).toEqual({ name: "history", id: "art-1", version: 2 });
    expect(readLocation("?item=art-1&panel=history&version=-2").route).toEqual({ name: "history", id: "art-1" });
    expect(readLocation("?new=1").route).toEqual({ name: "new" });
    expect(readLocation("?new=playbook").route).toEqual({ name: "new", type: "playbook" });
    expect(readLocation("?item=bad%20id").route).toEqual({ name: "list" });
  });

  it("writes only the library's keys, defaults left out, and keeps the shell's", () => {
    const here = "https://tab.test/?devUser=aad-user-amara&theme=dark&q=old&item=art-9#/library";
    expect(hrefFor({ filters: { ...NO_FILTERS, q: "one on one", type: "checklist" }, route: { name: "list" } }, here)).toBe(
      "/?devUser=aad-user-amara&theme=dark&q=one+on+one&type=checklist#/library",
    );
    expect(hrefFor({ filters: NO_FILTERS, route: { name: "history", id: "art-2", version: 1 } }, here)).toBe("/?devUser=aad-user-amara&theme=dark&item=art-2&panel=history&version=1#/library");
    const round = readLocation(new URL(hrefFor({ filters: { ...NO_FILTERS, due: true, sort: "newest" }, route: { name: "edit", id: "a:b" } }, here), here).search);
    expect(round).toEqual({ filters: { ...NO_FILTERS, due: true, sort: "newest" }, route: { name: "edit", id: "a:b" } });
  });

  it("links from another scene to an item keeping the shell's keys and dropping every scene's place", () => {
    const here = "https://tab.test/?inTeams=1&clientId=app&devUser=aad-user-amara&theme=dark&locale=de-DE&community=com-demo&show=rota&session=ses-9&buddies=round&practices=reflections&practice=prc-1&charter=people&charterVersion=2&months=12&q=old&item=art-9#/sessions";
    expect(libraryItemHref("art-1", here)).toBe("/?inTeams=1&clientId=app&devUser=aad-user-amara&theme=dark&locale=de-DE&community=com-demo&item=art-1#/library");
  });

  it("tells a filtered view from the plain library", () => {
    expect(isFiltered(NO_FILTERS)).toBe(false);
    expect(isFiltered({ ...NO_FILTERS, sort: "opened", deleted: true })).toBe(false);
    expect(isFiltered({ ...NO_FILTERS, q: "  " })).toBe(false);
    expect(isFiltered({ ...NO_FILTERS, due: true })).toBe(true);
  });
});
