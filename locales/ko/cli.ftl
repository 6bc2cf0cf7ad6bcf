# 명령줄 텍스트(src/cli, src/main.rs). 터미널 안전 처리는 코드에 있습니다: 모든 줄은
# cli::console을 거치며, 외부에서 온 텍스트는 그곳에서 무해하게 바뀝니다.

## main.rs

cli-panic = smtp-setup { $version }에서 내부 오류가 발생했습니다{ $place }. 프로그램의 버그이니 실행한 명령과 함께 신고해 주세요(비밀번호는 빼고). 실패한 단계에서는 아무것도 저장되지 않았습니다.
cli-panic-place = {" "}({ $file }:{ $line })
cli-no-window =
    창을 열 수 없습니다: { $error }
    창을 띄우려면 디스플레이와 OpenGL이 필요합니다(Debian: libegl1, libgl1, libgl1-mesa-dri). 서버에서는 창 없이 쓰는 명령을 사용하세요: smtp-setup --help

## --help (clap): 프로그램과 각 명령의 한 줄 설명, 종료 코드.

cli-about = Gmail SMTP 로그인 정보를 설정하고, 테스트하고, 문제를 진단합니다.
cli-about-check = 서버에 연결하고 TLS를 시작한 뒤 로그인합니다. 아무것도 보내지 않습니다.
cli-about-send-test = 로그인한 뒤 테스트 메일을 보냅니다(--to가 없으면 나에게).
cli-about-store = 앱 비밀번호를 Gmail로 확인한 뒤 시스템 키체인에 계정으로 저장합니다.
cli-about-accounts = 저장된 계정을 나열·표시·삭제하거나 기본 계정을 정합니다.
cli-about-accounts-list = 저장된 계정을 나열합니다.
cli-about-accounts-show = 계정 하나의 설정과 비밀 정보가 키체인에 있는지 보여 줍니다.
cli-about-accounts-remove = 계정을 삭제합니다: 키체인 항목과 설정 모두.
cli-about-accounts-set-default = 계정을 `check`와 `send-test`의 기본 계정으로 정합니다.
cli-about-oauth = 앱 비밀번호 대신 Google 계정으로 로그인합니다(OAuth2, 직접 만든 '데스크톱 앱' 클라이언트).
cli-about-oauth-authorize = 브라우저에서 Google 계정으로 로그인하고 계정을 저장합니다(갱신 토큰은 키체인에).
cli-about-export = 앱 스택(Django, Laravel, Nodemailer, msmtp…)에 바로 넣을 설정을 출력합니다. `--format list`로 목록을 봅니다. --include-secret이 없으면 비밀 정보는 넣지 않습니다.
cli-about-password = 실행 중에 비밀번호를 묻는 프로그램(msmtp의 passwordeval 등)을 위해, 저장된 계정의 앱 비밀번호(또는 새 액세스 토큰)를 출력합니다.
cli-about-run = 계정 설정(SMTP_HOST, SMTP_PASSWORD… 또는 --format 스택이 읽는 이름)을 환경 변수에 넣고 명령을 실행합니다. 값은 키체인에서 읽고 어디에도 기록하지 않습니다.
cli-about-relay = 어떤 앱이든 메일을 보낼 수 있는 로컬 SMTP 릴레이를 127.0.0.1에서 실행합니다: 각 메일은 앱의 전송 중에 키체인의 로그인 정보로 Gmail에 전달됩니다.
cli-about-diagnose = Gmail SMTP 오류를 설명합니다: 아무 프로그램의 오류 메시지를 붙여 넣거나, `-`로 표준 입력에서 읽습니다.
cli-about-preflight = 설정하기 전에 주소의 메일을 어디서 처리하는지(도메인의 MX 레코드) 확인합니다: Google Workspace, 개인 Gmail, 또는 자체 SMTP 설정이 있는 다른 제공업체.
cli-about-completions = 셸(bash, zsh, fish, elvish, powershell)의 자동 완성 스크립트를 출력합니다.
cli-about-man = man 페이지를 출력하거나, --out-dir 폴더에 모든 명령의 페이지를 씁니다.
cli-about-lang = 텍스트 언어: en(English) 또는 ko(한국어) [기본값: 시스템 언어].
cli-exit-codes-help =
    종료 코드:
      0  성공
      1  기타 실패(서버가 메일을 거부함, 전송 한도, 읽을 수 없는 계정 목록)
      2  잘못된 입력(올바르지 않은 주소나 앱 비밀번호, 비밀번호 없음, 알 수 없는 계정)
      3  네트워크 실패(DNS, 연결 거부, 시간 초과, 연결할 수 없음)
      4  TLS 실패(신뢰할 수 없는 인증서, 포트에 맞지 않는 TLS 방식)
      5  인증 실패(틀렸거나 취소된 앱 비밀번호, 계정 비밀번호를 사용함, 로그인 차단됨)
      6  키체인을 사용할 수 없음(Secret Service가 실행 중이 아님, 키체인이 잠김, 액세스 거부)
    130  취소됨(Ctrl-C). 저장된 계정의 실행은 취소로 기록됩니다

    시간: 각 단계는 최대 --timeout(기본 10초), 확인이나 테스트 전송 전체는 최대 --deadline(기본 60초)
    동안 기다립니다. 모든 경로, 단계, 재시도를 포함한 시간입니다.

    비밀번호는 --password-stdin으로 표준 입력에서, 또는 환경 변수 SMTP_SETUP_PASSWORD에서 읽습니다
    (읽은 뒤 환경에서 지우므로 나중에 시작하는 프로그램은 물려받지 않습니다). 다른 사용자가 볼 수 있는
    명령 인수로는 절대 받지 않습니다.
    저장된 계정의 비밀 정보는 시스템 키체인(서비스 "smtp-setup" 또는 $SMTP_SETUP_KEYCHAIN_SERVICE)에,
    설정은 설정 디렉터리(또는 $SMTP_SETUP_CONFIG_DIR)의 accounts.toml에 보관합니다.

## mod.rs

cli-failure = smtp-setup: { $message }
cli-stdin-unreadable = 표준 입력을 읽을 수 없습니다: { $error }

## output.rs: 진행 중인 확인, 결과, 진단.

cli-route-choice = { $port }번 포트 { $tls }
cli-route-and = ,{" "}
cli-start-check = { $host }({ $routes })에서 { $user } 확인 중
cli-start-send = { $host }({ $routes })를 통해 { $user } 계정으로 테스트 메일을 보내는 중
cli-login-works = ✓ 로그인 성공: { $route }에서 로그인했습니다. 모두 { $ms }ms 걸렸습니다.
cli-test-accepted = ✓ 테스트 메일 { $id }이(가) { $to } 앞으로 접수되었습니다: { $reply }
cli-stage-failed = ✗ { $stage } 단계 실패: { $detail }
cli-stage-failed-on = ✗ { $route }에서 { $stage } 단계 실패: { $detail }
cli-route-used = 사용함
cli-route-worked = 이 경로도 작동함(사용하지 않음)
cli-route-failed = { $stage } 단계에서 실패: { $detail }
cli-route-unfinished = 확인이 끝날 때까지 연결 중이었음
cli-saved =
    ✓ { $address }: { $method ->
        [oauth] Google 로그인(갱신 토큰)
       *[app-password] 앱 비밀번호
    }을(를) 시스템 키체인(서비스 "{ $service }")에 { $replaced ->
        [yes] 새로 바꿔 저장했고
       *[no] 저장했고
    }, 설정({ $server }:{ $port }, { $tls })은 { $path }에 저장했습니다.
cli-not-verified = {"  "}확인하지 않음(--no-verify): `smtp-setup check --account { $address }`를 실행해 테스트하세요.
cli-authorize-open = 브라우저에서 이 주소를 열고 해당 Google 계정으로 로그인하세요:
cli-authorize-waiting = Google이 브라우저를 { $redirect }(으)로 돌려보내기를 기다리는 중...
cli-authorize-forward = (브라우저가 다른 컴퓨터에서 실행 중이면 먼저 포트를 전달하세요: ssh -L { $port }:127.0.0.1:{ $port } 이-호스트)
cli-sign-in-failed = ✗ Google 로그인 실패: { $error }
cli-not-saved = { $user }에 대해 아무것도 저장하지 않았습니다. 저장된 비밀번호가 있다면 그대로입니다.
cli-cancelled = 취소했습니다. { $user }은(는) 취소됨으로 기록됩니다(성공도 실패도 아님).
cli-how-to-fix = 해결 방법:
cli-details = 세부정보: { $evidence }
cli-cause = (원인: { $cause })

## connect.rs: check, send-test, store.

cli-all-no-send = --all은 모든 계정을 확인합니다. 테스트 메일은 --account 하나로 보내세요.
cli-all-ok = 정상({ $took })
cli-all-sign-in-ends = ; Google 로그인 만료: { $left }
cli-all-summary = 계정 { $total }개 중 { $passed }개가 통과했습니다.
cli-no-runtime = 비동기 런타임을 시작할 수 없습니다: { $error }
cli-password-stdin-unreadable = 표준 입력에서 비밀번호를 읽을 수 없습니다: { $error }
cli-password-too-long = 표준 입력의 비밀번호가 4KiB보다 깁니다. 비밀번호만 파이프로 넘기세요(앱 비밀번호는 16자입니다).
cli-password-not-utf8 = 표준 입력의 비밀번호가 UTF-8 텍스트가 아닙니다.
cli-password-prompt = { $user }의 앱 비밀번호(입력 내용은 표시되지 않음):{" "}
cli-password-terminal-unreadable = 터미널에서 비밀번호를 읽을 수 없습니다: { $error }
cli-no-password = 비밀번호가 없습니다: --password-stdin으로 파이프로 넘기거나 SMTP_SETUP_PASSWORD를 설정하세요.

## accounts.rs

cli-now-default = 이제 { $address }이(가) 기본 계정입니다.
cli-health-sign-in-ends = Google 로그인 만료: { $left }(OAuth 클라이언트의 게시 상태가 '테스트'입니다. 그 전에 다시 로그인하세요)
cli-health-relay = 릴레이: 최근 24시간 동안 Gmail의 하루 한도 { $limit }통 중 { $sent }통 보냄
cli-health-relay-refused = ; { $ago } 마지막으로 거부됨: { $reply }
cli-no-accounts = 저장된 계정이 없습니다. `smtp-setup store --user ADDR --password-stdin`으로 추가하세요.
cli-default-legend = (* = 기본 계정)
cli-status-never = 확인한 적 없음
cli-status-ok = 정상, { $ago } 확인함
cli-status-cancelled = { $ago } 마지막 확인 취소됨
cli-status-failing = 실패 중: { $title }({ $ago })
cli-show-default = {" "}(기본 계정)
cli-show-method = 방식:          { $method }
cli-show-server = 서버:          { $server }:{ $port } ({ $tls })
cli-show-created = 만든 날짜:     { $created }
cli-show-last-worked = 마지막 성공:   { $ago } ({ $exact })
cli-show-never-worked = 마지막 성공:   없음
cli-show-last-check = 마지막 확인:   { $status }
cli-show-secret-stored = 비밀 정보:     시스템 키체인에 있음(서비스 "{ $service }")
cli-show-secret-missing = 비밀 정보:     키체인에 없음. `smtp-setup store`로 다시 저장하세요
cli-show-secret-unreadable = 비밀 정보:     읽을 수 없음: { $error }
cli-nothing-to-remove = 삭제할 것이 없습니다: { $address }은(는) 저장되어 있지 않습니다.
cli-removed-app-password = 시스템 키체인에서 앱 비밀번호를 삭제했습니다.
cli-removed-oauth = 시스템 키체인에서 Google 로그인 정보를 삭제했습니다.
cli-removed-from-list = 계정 목록에서 { $address }을(를) 삭제했습니다.
cli-still-there = 아직 남아 있음: { $what }.

## app.rs: export, password, run.

cli-unknown-format = 알 수 없는 형식 "{ $format }"입니다. 사용할 수 있는 형식: { $formats }.
cli-inline-by-flag = 비밀번호를 설정에 직접 쓰려면 --secret inline 대신 --include-secret을 사용하세요. 실수로 선택되는 일이 없도록 하기 위해서입니다.
cli-never-checked = smtp-setup: { $address }은(는) Gmail로 확인한 적이 없습니다. 먼저 `smtp-setup check --account { $address }`를 실행하세요.
cli-snippet-goes-in = # { $name } — 넣을 곳: { $file }
cli-snippet-warning = # 경고: { $warning }
cli-relay-format-name = 모든 앱, 로컬 릴레이를 통해
cli-formats-legend = (FORMAT, 스택, 비밀 정보를 전달하는 방식: 첫 번째가 기본값)
cli-password-on-terminal = 표준 출력이 터미널이라 비밀번호가 화면에 남게 됩니다. 이 명령은 비밀번호를 읽는 프로그램(msmtp의 passwordeval, 스크립트의 $(…))용입니다. 그래도 여기에 출력하려면 --show를 추가하세요.
cli-run-no-command = 실행할 명령을 `--` 뒤에 입력하세요.
cli-run-cannot-start = { $program }을(를) 시작할 수 없습니다: { $error }

## relay.rs

cli-relay-connect = 앱은 호스트 { $host }, 포트 { $port }로 STARTTLS와 SSL을 끄고 보내면 됩니다(암호화되지 않은 채 이 컴퓨터 밖으로 나가는 것은 없습니다: 릴레이가 Gmail과 TLS로 통신합니다).
cli-relay-no-login = 로그인 없음: 릴레이가 실행되는 동안 이 컴퓨터의 어떤 프로그램이든 이 계정으로 보낼 수 있습니다.
cli-relay-login = {"  "}{ $address }: 사용자 이름 { $address }, 비밀번호는 `smtp-setup password --relay --account { $address }`로 확인
cli-relay-how = 각 메일은 앱이 기다리는 동안 Gmail로 전달되며, 앱은 Gmail의 응답을 그대로 받습니다. Ctrl-C로 멈춥니다.
cli-relay-expiring-summary = { $address }의 Gmail 로그인 만료: { $left }
cli-relay-expiring-body = OAuth 클라이언트의 게시 상태가 '테스트'이면 Google은 7일 후 로그인을 끝냅니다. smtp-setup을 열고 다시 로그인을 선택하세요.
cli-service-kind = systemd 또는 launchd
cli-no-exe = smtp-setup이 설치된 위치를 알 수 없습니다: { $error }
cli-service-goes-in = # 넣을 곳: { $path }. 설치하고 시작하려면:

## smtp-setup man

cli-man-write-failed = { $dir } 폴더에 man 페이지를 쓰지 못했습니다: { $error }
