// Common passwords, lower-case, shipped as data (no download). Only passwords of ten or more
// characters can pass the length rule, so the list is those, plus base words: a password
// that is one of these words with digits or symbols around it ("password2026!") is refused
// too (lib/auth/password-policy.ts). Drawn from widely published leak statistics, including
// the pinyin and number patterns common in Chinese leaks.
const WORDS = `
password passw0rd p@ssword p@ssw0rd admin administrator root guest user test tester qwerty
qwertyuiop qwertyui asdfghjkl asdfgh zxcvbnm zxcvbn qazwsx qazwsxedc 1qaz2wsx 1qaz2wsx3edc
1q2w3e4r 1q2w3e4r5t 1q2w3e 1qazxsw2 zaq12wsx zaq1xsw2 qweasd qweasdzxc asdqwe abc abcd abcde
abcdef abcdefg abcdefgh abc123 letmein welcome iloveyou loveyou love lover monkey dragon
master shadow sunshine princess football baseball basketball soccer hockey superman batman
starwars pokemon michael jennifer jordan hunter ranger harley thomas charlie george
freedom whatever trustno1 secret secure security changeme default login access hello
hellokitty computer internet samsung apple google microsoft windows linux ubuntu
woaini woaini1314 wo5201314 5201314 1314520 520520 woaiwojia woaini520 aini1314 iloveu
zhang wang liu chen yang huang zhao zhou xiao li wu xu sun ma zhu hu guo lin he gao luo
zhongguo china beijing shanghai guangzhou shenzhen xiamen fuzhou zhangzhou zhuzhou quanzhou
dangjian dangyuan gongwei jiguan gongzuo renmin zhengfu baidu taobao alibaba tencent weixin
qq qqqq qqqqqq aaaa aaaaaa aaaaaaaa a1b2c3 a1b2c3d4 aa112233 abc123456 abcd1234 abcd123456
pass pass123 password1 password12 password123 password1234 admin123 admin1234 admin12345
root123 test123 test1234 user123 guest123 demo demo123 demo2026 demo-2026 sample example
baby babygirl babyboy angel angela jessica ashley amanda daniel andrew joshua matthew
summer winter spring autumn flower orange banana cherry chocolate cookie pepper ginger
killer tigger tiger lion eagle falcon phoenix dolphin panda kitty puppy doggy
family friends forever lovely beautiful happy smile crystal diamond silver golden
money rich lucky number one first last zero
qwer1234 qwert12345 asdf1234 zxcv1234 1234qwer 1234asdf 123qwe 123qweasd 123asd 123abc
`;

/** Whole passwords of ten or more characters seen at the top of leak statistics. */
const FULL = `
1234567890 0123456789 0987654321 9876543210 12345678910 123456789a a123456789 aa123456789
qq123456789 abc1234567 1234567890a 123456789q 123456789qwe 1111111111 0000000000 2222222222
5555555555 6666666666 8888888888 9999999999 1212121212 1231231231 123123123123 1qaz2wsx3edc
1q2w3e4r5t6y qwertyuiop qwertyuiop123 asdfghjkl; zxcvbnm123 qazwsxedcrfv iloveyou12
iloveyou123 woaini1314 woaini520520 5201314520 1314521521 aaaaaaaaaa abcdefghij
abcdefghijk passwordpassword password12345 password123456 p@ssw0rd123 administrator
admin@1234 admin@12345 admin123456 root123456 welcome123 welcome1234 letmein123
sunshine123 princess123 football123 baseball123 superman123 michael123 charlie123
changeme123 computer123 internet123 qwerty123456 qwerty12345 1q2w3e4r5t 1qazxsw23edc
zaq12wsxcde 147258369 1472583690 3692581470 7894561230 1234567899 11223344556
112233445566 123654789 1236547890 147852369 159357456 9638527410 a1b2c3d4e5 abc123abc123
`;

function split(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(split(FULL));
export const COMMON_WORDS: ReadonlySet<string> = new Set(split(WORDS));
