// Browser client: a tiny DOM builder for the UI overlays. Text always goes in as text nodes
// (never innerHTML), so names and chat from other players cannot inject markup.

type Child = Node | string | null | undefined | false;

export interface Props {
  class?: string;
  /** Attributes set with setAttribute (aria-*, data-*, type, placeholder…). */
  attrs?: Record<string, string>;
  /** Click handler (buttons, list rows). */
  onClick?: (event: Event) => void;
}

/** `<tag class=…>children</tag>`; strings become text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  if (props.onClick) node.addEventListener("click", props.onClick);
  append(node, children);
  return node;
}

/** Replace `node`'s children. */
export function setChildren(node: Element, ...children: Child[]): void {
  node.replaceChildren();
  append(node, children);
}

function append(node: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

/** A button; `hint` is a keyboard shortcut shown after the label. */
export function button(label: string, onClick: () => void, options: { class?: string; hint?: string; id?: string } = {}): HTMLButtonElement {
  const attrs: Record<string, string> = { type: "button" };
  if (options.id) attrs["data-testid"] = options.id;
  return h("button", { class: options.class ?? "btn", attrs, onClick: () => onClick() },
    label, options.hint ? h("kbd", {}, options.hint) : null);
}

/** Keys typed into `field` stay in it: the game's keyboard handlers (Phaser's, which capture
 *  W A S D and the arrows, and the UI's shortcuts) never see them. */
export function keepKeys(field: HTMLElement): void {
  const stop = (event: Event) => event.stopPropagation();
  field.addEventListener("keydown", stop);
  field.addEventListener("keyup", stop);
}

