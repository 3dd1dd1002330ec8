/** The prompt line of a `show` command (`vpp# show …`, `vppctl -s SOCK show …`, `$ sudo
 *  vppctl sh …`, `kubectl exec … -- vppctl show …`): what makes a file a state dump or a
 *  capture file. Its own module, so that looking for it loads nothing else. */
export const SHOW_PROMPT = /^(?:[$#][ \t]+)?(?:(?:DBG)?vpp#|(?:.*[ \t])?vppctl(?:[ \t]+-\S+(?:[ \t]+[^\s-]\S*)?)*)[ \t]*sh(?:ow?)?[ \t]/m;
