/**
 * Steps opening an After-sales menu item from its section in the top bar.
 * @param {string} section xml id of the section (Service, Parts...)
 * @param {string} item xml id of the menu item
 */
export function openMenu(section, item) {
    return [
        {
            trigger: `.o_menu_sections button[data-menu-xmlid='${section}']`,
            run: "click",
        },
        {
            trigger: `.dropdown-item[data-menu-xmlid='${item}']`,
            run: "click",
        },
    ];
}
