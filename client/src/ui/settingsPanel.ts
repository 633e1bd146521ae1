// Browser client: the small settings panel (volume, mute, reduced motion) behind the "Sound"
// button (bottom centre, once the arena has loaded) and the `M` key that mutes. Run by arena.ts.

import type { MotionSetting, Settings } from "../feedback/settings.js";
import { button, h, keepKeys } from "./dom.js";

const MOTION_LABELS: Record<MotionSetting, string> = {
  system: "Follow the system",
  reduce: "Reduced",
  full: "Full",
};

export class SettingsPanel {
  private readonly settings: Settings;
  private readonly toggle: HTMLButtonElement;
  private readonly card: HTMLElement;
  private readonly volume: HTMLInputElement;
  private readonly volumeText: HTMLElement;
  private readonly mute: HTMLInputElement;
  private readonly motion: HTMLSelectElement;

  constructor(parent: HTMLElement, settings: Settings) {
    this.settings = settings;
    this.toggle = button("Sound", () => this.setOpen(this.card.hidden), { class: "btn small", hint: "M", id: "settings-button" });
    this.volume = h("input", { class: "settings-volume", attrs: {
      type: "range", min: "0", max: "100", step: "1", "aria-label": "Volume", "data-testid": "volume",
    } });
    this.volumeText = h("span", { class: "settings-value" });
    this.mute = h("input", { attrs: { type: "checkbox", "data-testid": "mute" } });
    this.motion = h("select", { class: "settings-select", attrs: { "data-testid": "motion" } },
      ...(Object.keys(MOTION_LABELS) as MotionSetting[]).map((value) =>
        h("option", { attrs: { value } }, MOTION_LABELS[value])));
    this.card = h("div", { class: "card settings-card", attrs: { "data-testid": "settings", role: "dialog", "aria-label": "Settings" } },
      h("div", { class: "label" }, "Volume"),
      h("div", { class: "settings-row" }, this.volume, this.volumeText),
      h("label", { class: "settings-row" }, this.mute, "Mute all sounds", h("kbd", {}, "M")),
      h("div", { class: "label" }, "Motion"),
      this.motion,
      h("div", { class: "settings-hint" }, "Reduced: no screen shake, softer flashes."),
      button("Close", () => this.setOpen(false), { class: "btn small wide" }));
    this.card.hidden = true;
    for (const field of [this.volume, this.mute, this.motion]) keepKeys(field);
    this.volume.addEventListener("input", () => settings.update({ volume: Number(this.volume.value) / 100, muted: false }));
    this.mute.addEventListener("change", () => settings.update({ muted: this.mute.checked }));
    this.motion.addEventListener("change", () => settings.update({ motion: this.motion.value as MotionSetting }));
    parent.append(h("div", { class: "settings" }, this.toggle, this.card));
    window.addEventListener("keydown", (event) => this.onKey(event));
    settings.subscribe(() => this.render());
    this.render();
  }

  private setOpen(open: boolean): void {
    this.card.hidden = !open;
    this.toggle.blur();
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key !== "m" && event.key !== "M") return;
    if (event.repeat || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    this.settings.toggleMute();
  }

  private render(): void {
    const { volume, muted, motion } = this.settings.value;
    const percent = Math.round(volume * 100);
    this.toggle.firstChild!.textContent = muted ? "Sound off" : `Sound ${percent}%`;
    this.toggle.classList.toggle("muted", muted);
    this.volume.value = String(percent);
    this.volumeText.textContent = `${percent}%`;
    this.mute.checked = muted;
    this.motion.value = motion;
  }
}

/** Keys typed into a field (a name, a chat line) are text, not shortcuts. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || (target instanceof HTMLInputElement && target.type !== "range" && target.type !== "checkbox")
    || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}
